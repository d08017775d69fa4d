namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Endpoint metadata: Twilio test credentials may call this route. Twilio documents three such routes (POST
/// IncomingPhoneNumbers, Messages and Calls); everything else answers 403 / 20008 to them.
/// </summary>
internal sealed class TestCredentialsAllowed
{
    public static TestCredentialsAllowed Instance { get; } = new();

    private TestCredentialsAllowed()
    {
    }
}
