namespace MlConnector.Simulators.Twilio.Verify;

/// <summary>
/// A Verify verification as the simulator holds it, code included, so tests and the demo can read what the person's
/// phone received.
/// </summary>
public sealed record SimulatedVerification(
    string Sid,
    string ServiceSid,
    string To,
    string Channel,
    string Code,
    string Status,
    DateTimeOffset DateCreated,
    DateTimeOffset DateUpdated,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<VerifySendAttempt> SendAttempts,
    int ChecksMade);

/// <summary>One text Verify sent for a verification (the first send or a resend), as the phone shows it.</summary>
public sealed record VerifySendAttempt(string AttemptSid, DateTimeOffset At, string To, string Body);
