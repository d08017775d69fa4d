using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlConnector.Access;
using MlConnector.Site;

namespace MlConnector.Dashboard.Pages;

/// <summary>Sign-in, first step: the password. With the second factor on, a right password texts a code and leads to
/// the code page (<see cref="LoginCodeModel"/>); the session starts only there.</summary>
public sealed class LoginModel(SignInThrottle signIn, SecondFactor secondFactor, PendingSignIns pending, SiteTime times) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [TempData]
    public string? CodeMessage { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string userName, string password, CancellationToken ct)
    {
        var address = LoginCodeModel.ThrottledAddress(HttpContext);
        var attempt = await signIn.SignInAsync(userName ?? "", password ?? "", address, ct, secondFactorFollows: secondFactor.IsOn);
        if (attempt.User is not { } user)
        {
            Error = attempt.LockedUntil is { } until
                ? $"Too many wrong passwords: sign-in is locked until {times.Format(until, seconds: false)}."
                : "Unknown user name or wrong password.";
            return Page();
        }

        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
        if (!secondFactor.IsOn)
        {
            await OperatorSessions.SignInAsync(HttpContext, user, SessionStore.WithPassword);
            return LocalRedirect(returnUrl);
        }

        pending.Start(HttpContext, user, returnUrl);
        CodeMessage = (await secondFactor.SendCodeAsync(user.UserName, ct)).Message;
        return RedirectToPage("/LoginCode");
    }
}
