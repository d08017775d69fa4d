using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Access;
using MlConnector.Audit;

namespace MlConnector.Dashboard.Pages;

/// <summary>The signed-in user's own account: whether a phone number is on file for sign-in codes, and their recovery
/// codes (how many are left; a new set, shown once, after the password is given again, so a borrowed session cannot
/// mint a way back in).</summary>
public sealed class AccountModel(RecoveryCodes recoveryCodes, SignInThrottle signIn, SecondFactor secondFactor, OperatorStore operators,
    AccessAudit audit, IAuthorizationService authorization) : DashboardPage(authorization)
{
    public bool SignedIn => OperatorSessions.IsCookieSession(User);

    public bool SecondFactorOn => secondFactor.IsOn;

    public bool HasPhone { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public string? Error { get; private set; }

    /// <summary>A new set of recovery codes, shown on this answer only.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    // Any signed-in user manages their own codes.
    protected override string PostsNeed => OperatorRoles.Viewer;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostRecoveryCodesAsync(string? password, CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Forbid();
        }

        var attempt = await signIn.SignInAsync(ActorName, password ?? "", LoginCodeModel.ThrottledAddress(HttpContext), ct);
        if (!attempt.Succeeded)
        {
            Error = attempt.LockedUntil is { } until ? SecondFactor.Locked(until) : "That is not your password.";
        }
        else
        {
            NewRecoveryCodes = await recoveryCodes.RegenerateAsync(ActorName, ct);
            await audit.RecordAsync(AuditKinds.RecoveryCodesGenerated, ActorName, new { user = ActorName }, ct);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (SignedIn)
        {
            HasPhone = (await operators.ListAsync(ct)).Any(u => u.UserName == ActorName && u.HasPhone);
            RecoveryCodesLeft = await recoveryCodes.RemainingAsync(ActorName, ct);
        }
    }
}
