using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MlConnector.Dashboard.Pages;

/// <summary>The dashboard's page for an address it does not have: inside the layout, with the way back, answered 404.</summary>
public sealed class NotFoundModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
