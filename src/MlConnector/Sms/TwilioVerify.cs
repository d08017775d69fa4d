using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using Twilio.Exceptions;
using Twilio.Rest.Verify.V2.Service;

namespace MlConnector.Sms;

/// <summary>
/// Sign-in codes by SMS through Twilio Verify v2 (the official SDK's <see cref="VerificationResource"/> and
/// <see cref="VerificationCheckResource"/>), with the site's own account and <see cref="TwilioOptions.VerifyServiceSid"/>.
/// Verify makes the code, texts it, keeps it for 10 minutes and limits sends and checks; this class says what Twilio
/// answered in words a person signing in can act on, and never throws for Twilio's answers or its absence.
/// </summary>
public sealed class TwilioVerify(IHttpClientFactory httpClients, IOptions<TwilioOptions> options, ILogger<TwilioVerify> logger)
{
    private const string UseRecoveryCode = "or sign in with one of your recovery codes";

    /// <summary>Whether sign-in needs a Verify code (the setting is there).</summary>
    public bool IsOn => options.Value.SecondFactorOn;

    /// <summary>Starts a verification: Verify texts a code to <paramref name="phone"/> (E.164), or texts the same code
    /// again while one is pending.</summary>
    public async Task<VerifyOutcome> SendAsync(string phone)
    {
        try
        {
            var verification = await VerificationResource.CreateAsync(
                new CreateVerificationOptions(options.Value.VerifyServiceSid, phone, "sms"), Client());
            var masked = PhoneFormat.Mask(phone);
            logger.VerifyCodeSent(masked, verification.Sid);
            return new VerifyOutcome(VerifyStatus.Sent, $"A code was texted to {masked}.");
        }
        catch (ApiException e)
        {
            var (masked, reason) = (PhoneFormat.Mask(phone), TwilioErrorClassifier.Redact(e.Message));
            logger.VerifyRefused("send", masked, e.Status, e.Code, reason);
            return e.Code switch
            {
                60203 => new(VerifyStatus.TooManySends, $"Too many codes have been texted to your phone: wait 10 minutes, {UseRecoveryCode}.", e.Code),
                20429 => RateLimited(e),
                60200 or 60205 or 21211 or 21614 => new(VerifyStatus.Refused,
                    $"Twilio cannot text a code to the phone number on file for you (error {e.Code}): ask an administrator to " +
                    $"correct it, {UseRecoveryCode}.", e.Code),
                _ when e.Status == 429 => RateLimited(e),
                _ => Refused(e),
            };
        }
        catch (Exception e) when (e is TwilioException or HttpRequestException or OperationCanceledException)
        {
            var reason = TwilioErrorClassifier.Redact(e.Message);
            logger.VerifyUnreachable("send", reason);
            return Unreachable();
        }
    }

    /// <summary>Checks a code the person typed against the verification pending for <paramref name="phone"/>.</summary>
    public async Task<VerifyOutcome> CheckAsync(string phone, string code)
    {
        var digits = (code ?? "").Trim();
        if (digits.Length is < 4 or > 10 || !digits.All(char.IsAsciiDigit))
        {
            // Verify takes 4 to 10 characters; anything else cannot be the code it texted.
            return WrongCode();
        }

        try
        {
            var check = await VerificationCheckResource.CreateAsync(
                new CreateVerificationCheckOptions(options.Value.VerifyServiceSid) { To = phone, Code = digits }, Client());
            return check.Status?.ToString() == "approved" ? new VerifyOutcome(VerifyStatus.Approved, "Code accepted.") : WrongCode();
        }
        catch (ApiException e)
        {
            var (masked, reason) = (PhoneFormat.Mask(phone), TwilioErrorClassifier.Redact(e.Message));
            logger.VerifyRefused("check", masked, e.Status, e.Code, reason);
            return e.Code switch
            {
                20404 => new(VerifyStatus.Expired, "That code has expired or was already used: send a new code.", e.Code),
                60202 => new(VerifyStatus.TooManyChecks, "Too many wrong codes: send a new code.", e.Code),
                60200 => WrongCode(),
                20429 => RateLimited(e),
                _ when e.Status == 429 => RateLimited(e),
                _ => Refused(e),
            };
        }
        catch (Exception e) when (e is TwilioException or HttpRequestException or OperationCanceledException)
        {
            var reason = TwilioErrorClassifier.Redact(e.Message);
            logger.VerifyUnreachable("check", reason);
            return Unreachable();
        }
    }

    private static VerifyOutcome WrongCode() => new(VerifyStatus.WrongCode, "That code is not right.");

    private static VerifyOutcome RateLimited(ApiException e) => new(VerifyStatus.RateLimited,
        $"Twilio is limiting sign-in codes just now: try again in a minute, {UseRecoveryCode}.", e.Code);

    private static VerifyOutcome Refused(ApiException e) => new(VerifyStatus.Refused, e.Status == 0
        // The SDK reports a Twilio answer it could not read (an error without a body) as HTTP 0, error 0.
        ? $"Twilio answered the sign-in code with an error it did not explain: try again in a minute, {UseRecoveryCode}."
        : $"Twilio refused the sign-in code (HTTP {e.Status}, error {e.Code}): try again later, {UseRecoveryCode}.", e.Code);

    private static VerifyOutcome Unreachable() => new(VerifyStatus.Unreachable,
        $"Twilio could not be reached for the sign-in code: try again in a moment, {UseRecoveryCode}.");

    private Twilio.Clients.TwilioRestClient Client() => TwilioSmsSender.CreateClient(httpClients, options.Value);
}

/// <summary>What Verify answered: a code sent or approved, or why not.</summary>
public enum VerifyStatus
{
    Sent,
    Approved,
    WrongCode,
    Expired,
    TooManyChecks,
    TooManySends,
    RateLimited,
    Refused,
    Unreachable,
}

/// <param name="Message">What to tell the person signing in.</param>
/// <param name="TwilioCode">Twilio's error code, when Twilio answered with one.</param>
public sealed record VerifyOutcome(VerifyStatus Status, string Message, int? TwilioCode = null)
{
    public bool Succeeded => Status is VerifyStatus.Sent or VerifyStatus.Approved;
}
