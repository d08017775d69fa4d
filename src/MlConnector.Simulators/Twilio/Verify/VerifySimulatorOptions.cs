namespace MlConnector.Simulators.Twilio.Verify;

/// <summary>The simulated Verify v2 service.</summary>
public sealed class VerifySimulatorOptions
{
    /// <value>The one Verify service the account has. The default is a fixed <c>VA</c> SID.</value>
    public string ServiceSid { get; set; } = "VA5117000000000000000000000000c0de";

    /// <value>The service's friendly name, used in the code text. The default is <c>ml-connector</c>.</value>
    public string FriendlyName { get; set; } = "ml-connector";

    /// <value>Digits in a code (Verify allows 4 to 10). The default is 6.</value>
    public int CodeLength { get; set; } = 6;

    /// <value>How long a verification stays pending. The default is Verify's 10 minutes.</value>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <value>Sends (the first and each resend) per verification before 60203. The default is 5.</value>
    public int MaxSendAttempts { get; set; } = 5;

    /// <value>Checks per verification before 60202. The default is 5.</value>
    public int MaxCheckAttempts { get; set; } = 5;
}
