using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlConnector.Access;

namespace MlConnector.Dashboard.Pages;

public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    /// <summary>Signs out and ends the user's sessions on the server (a copied cookie stops working too).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await OperatorSessions.SignOutAsync(HttpContext);
        return Redirect("/login");
    }
}
