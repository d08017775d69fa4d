using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlConnector.Access;
using MlConnector.Site;

namespace MlConnector.Dashboard.Pages;

public sealed class LoginModel(SignInThrottle signIn, SiteTime times) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string userName, string password, CancellationToken ct)
    {
        // Loopback is where a reverse proxy on this machine speaks for everyone: only other addresses are throttled.
        var address = Actor.IsLoopback(HttpContext) ? null : HttpContext.Connection.RemoteIpAddress?.ToString();
        var attempt = await signIn.SignInAsync(userName ?? "", password ?? "", address, ct);
        if (attempt.User is not { } user)
        {
            Error = attempt.LockedUntil is { } until
                ? $"Too many wrong passwords: sign-in is locked until {times.Format(until, seconds: false)}."
                : "Unknown user name or wrong password.";
            return Page();
        }

        await OperatorSessions.SignInAsync(HttpContext, user);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
