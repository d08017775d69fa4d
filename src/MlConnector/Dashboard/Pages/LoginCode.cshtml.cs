using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlConnector.Access;

namespace MlConnector.Dashboard.Pages;

/// <summary>Sign-in, second step: the code Twilio Verify texted (or a new one), or a one-time recovery code. Only a
/// browser whose password step succeeded in the last 10 minutes gets here; otherwise it goes back to the password.</summary>
public sealed class LoginCodeModel(SecondFactor secondFactor, PendingSignIns pending) : PageModel
{
    [TempData]
    public string? CodeMessage { get; set; }

    public string? Error { get; private set; }

    public string UserName { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (pending.Read(HttpContext) is not { } signIn)
        {
            return RedirectToPage("/Login");
        }

        UserName = signIn.UserName;
        return Page();
    }

    public Task<IActionResult> OnPostCodeAsync(string? code, CancellationToken ct) =>
        FinishAsync((signIn, address) => secondFactor.CheckCodeAsync(signIn, code, address, ct));

    public Task<IActionResult> OnPostRecoveryAsync(string? recoveryCode, CancellationToken ct) =>
        FinishAsync((signIn, address) => secondFactor.UseRecoveryCodeAsync(signIn, recoveryCode, address, ct));

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        if (pending.Read(HttpContext) is not { } signIn)
        {
            return RedirectToPage("/Login");
        }

        CodeMessage = (await secondFactor.SendCodeAsync(signIn.UserName, ct)).Message;
        return RedirectToPage();
    }

    /// <summary>Where sign-in failures are counted from: loopback is a reverse proxy speaking for everyone, so only
    /// other addresses are throttled.</summary>
    public static string? ThrottledAddress(HttpContext context) =>
        Actor.IsLoopback(context) ? null : context.Connection.RemoteIpAddress?.ToString();

    private async Task<IActionResult> FinishAsync(Func<PendingSignIn, string?, Task<SecondFactorAttempt>> attempt)
    {
        if (pending.Read(HttpContext) is not { } signIn)
        {
            return RedirectToPage("/Login");
        }

        var result = await attempt(signIn, ThrottledAddress(HttpContext));
        if (result.User is not { } user)
        {
            if (result.StartAgain)
            {
                pending.End(HttpContext);
            }

            (UserName, Error) = (signIn.UserName, result.Message);
            return Page();
        }

        pending.End(HttpContext);
        await OperatorSessions.SignInAsync(HttpContext, user, result.SignedInWith);
        if (result.SignedInWith == SessionStore.WithRecoveryCode)
        {
            TempData["Message"] = result.Message;
        }

        return LocalRedirect(Url.IsLocalUrl(signIn.ReturnUrl) ? signIn.ReturnUrl : "/");
    }
}
