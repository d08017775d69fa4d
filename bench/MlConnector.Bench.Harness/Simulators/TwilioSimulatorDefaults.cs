namespace MlConnector.Bench.Harness.Simulators;

/// <summary>The Twilio simulator's fixed fake credentials (printed by <c>ml-connector simulate twilio</c>), the
/// always-valid sender, and the one phone every text of the comparison goes to.</summary>
public static class TwilioSimulatorDefaults
{
    public const string AccountSid = "AC5117000000000000000000000000c0de";
    public const string AuthToken = "5117a07410ce5117a07410ce5117a074";
    public const string From = "+15005550006";
    public const string To = "+15551230001";
}
