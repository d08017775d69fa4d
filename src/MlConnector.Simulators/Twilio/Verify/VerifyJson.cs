namespace MlConnector.Simulators.Twilio.Verify;

/// <summary>The Verification resource of Verify v2 (schema <c>verify.v2.service.verification</c>).</summary>
internal sealed record VerificationWire(
    string Sid,
    string ServiceSid,
    string AccountSid,
    string To,
    string Channel,
    string Status,
    bool Valid,
    IReadOnlyDictionary<string, object?> Lookup,
    string? Amount,
    string? Payee,
    IReadOnlyList<SendCodeAttemptWire> SendCodeAttempts,
    string DateCreated,
    string DateUpdated,
    object? Sna,
    string Url);

/// <summary>One entry of <c>send_code_attempts</c>, as in the OpenAPI document's examples (channel upper case).</summary>
internal sealed record SendCodeAttemptWire(string Time, string Channel, string AttemptSid);

/// <summary>The VerificationCheck resource of Verify v2 (schema <c>verify.v2.service.verification_check</c>).</summary>
internal sealed record VerificationCheckWire(
    string Sid,
    string ServiceSid,
    string AccountSid,
    string To,
    string Channel,
    string Status,
    bool Valid,
    string? Amount,
    string? Payee,
    string DateCreated,
    string DateUpdated,
    IReadOnlyList<object> SnaAttemptsErrorCodes);

internal static class VerifyJson
{
    public static VerificationWire Verification(string accountSid, SimulatedVerification v) => new(v.Sid, v.ServiceSid,
        accountSid, v.To, v.Channel, v.Status, v.Status == "approved", new Dictionary<string, object?>(), null, null,
        [.. v.SendAttempts.Select(a => new SendCodeAttemptWire(TwilioJson.Iso8601(a.At), v.Channel.ToUpperInvariant(),
            a.AttemptSid))],
        TwilioJson.Iso8601(v.DateCreated), TwilioJson.Iso8601(v.DateUpdated), null,
        $"https://verify.twilio.com/v2/Services/{v.ServiceSid}/Verifications/{v.Sid}");

    public static VerificationCheckWire Check(string accountSid, SimulatedVerification v) => new(v.Sid, v.ServiceSid,
        accountSid, v.To, v.Channel, v.Status, v.Status == "approved", null, null, TwilioJson.Iso8601(v.DateCreated),
        TwilioJson.Iso8601(v.DateUpdated), []);
}
