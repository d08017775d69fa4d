using MlConnector.Audit;
using MlConnector.Sms;

namespace MlConnector.Access;

/// <summary>What the second step of a sign-in came to: the user to sign in (and how), or what to tell them.</summary>
public sealed record SecondFactorAttempt(OperatorUser? User, string SignedInWith, string Message, DateTimeOffset? LockedUntil = null,
    bool StartAgain = false)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// The second factor, on for every user once <c>Twilio:VerifyServiceSid</c> is set: after the right password, a code
/// Twilio Verify texts to the user's phone (<see cref="OperatorPhones"/>), or one of the user's one-time
/// <see cref="RecoveryCodes"/>. Wrong codes count as failed sign-ins (<see cref="SignInThrottle"/>), so a known
/// password never buys unlimited guesses; a locked-out user is refused before any code is looked at.
/// </summary>
public sealed class SecondFactor(TwilioVerify verify, OperatorPhones phones, RecoveryCodes recoveryCodes, OperatorStore operators,
    SignInThrottle throttle, AccessAudit audit)
{
    public const string NoPhone = "No phone number is on file for you, so no code can be texted: sign in with one of your " +
        "recovery codes, or ask an administrator to add your number.";

    /// <summary>Whether sign-in needs the second step.</summary>
    public bool IsOn => verify.IsOn;

    /// <summary>Texts a code to the user's phone (again, while one is pending: Verify resends the same code).</summary>
    public async Task<VerifyOutcome> SendCodeAsync(string userName, CancellationToken ct) =>
        await phones.GetAsync(userName, ct) is { } phone ? await verify.SendAsync(phone) : new VerifyOutcome(VerifyStatus.Refused, NoPhone);

    /// <summary>Checks a texted code.</summary>
    public Task<SecondFactorAttempt> CheckCodeAsync(PendingSignIn pending, string? code, string? address, CancellationToken ct) =>
        AttemptAsync(pending, address, SessionStore.WithSmsCode, async () =>
        {
            if (await phones.GetAsync(pending.UserName, ct) is not { } phone)
            {
                return (false, NoPhone, false);
            }

            var outcome = await verify.CheckAsync(phone, code ?? "");
            return (outcome.Status == VerifyStatus.Approved, outcome.Message, outcome.Status == VerifyStatus.WrongCode);
        }, ct);

    /// <summary>Spends a recovery code.</summary>
    public Task<SecondFactorAttempt> UseRecoveryCodeAsync(PendingSignIn pending, string? code, string? address, CancellationToken ct) =>
        AttemptAsync(pending, address, SessionStore.WithRecoveryCode, async () =>
        {
            if (!await recoveryCodes.UseAsync(pending.UserName, code ?? "", ct))
            {
                return (false, "That is not one of your unused recovery codes.", true);
            }

            var left = await recoveryCodes.RemainingAsync(pending.UserName, ct);
            await audit.RecordAsync(AuditKinds.RecoveryCodeUsed, pending.UserName, new { remaining = left }, ct);
            return (true, left == 0
                ? "You have used your last recovery code: generate new ones on your Account page."
                : $"Recovery code used; {left} left.", false);
        }, ct);

    /// <param name="check">Whether the factor holds, what to say, and whether a failure is a guess (counted).</param>
    private async Task<SecondFactorAttempt> AttemptAsync(PendingSignIn pending, string? address, string signedInWith,
        Func<Task<(bool Ok, string Message, bool Guess)>> check, CancellationToken ct)
    {
        if (await throttle.LockedUntilAsync(pending.UserName, address, ct) is { } locked)
        {
            return new SecondFactorAttempt(null, signedInWith, Locked(locked), locked);
        }

        // The password was right for the user as they were then; a new password, role or removal since ends this too.
        if (await operators.SessionOfAsync(pending.UserName, ct) is not { } current || current.Stamp != pending.Stamp)
        {
            return new SecondFactorAttempt(null, signedInWith, "Your account changed while you were signing in: start again.", StartAgain: true);
        }

        var (ok, message, guess) = await check();
        if (ok)
        {
            await throttle.SucceededAsync(pending.UserName, ct);
            return new SecondFactorAttempt(new OperatorUser(pending.UserName, current.Role, current.Stamp), signedInWith, message);
        }

        if (guess && await throttle.FailedAsync(pending.UserName, address, ct) is { } lockedNow)
        {
            return new SecondFactorAttempt(null, signedInWith, Locked(lockedNow), lockedNow);
        }

        return new SecondFactorAttempt(null, signedInWith, message);
    }

    public static string Locked(DateTimeOffset until) =>
        $"Too many wrong passwords or codes: sign-in is locked until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
}
