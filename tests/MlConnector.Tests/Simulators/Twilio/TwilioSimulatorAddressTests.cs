using MlConnector.Simulators.Twilio;

namespace MlConnector.Tests.Simulators.Twilio;

public sealed class TwilioSimulatorAddressTests
{
    private static readonly Uri Simulator = new("http://127.0.0.1:5081/");

    [Theory]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json", "http://127.0.0.1:5081/api/2010-04-01/Accounts/AC1/Messages.json")]
    [InlineData("https://verify.twilio.com/v2/Services/VA1/Verifications", "http://127.0.0.1:5081/verify/v2/Services/VA1/Verifications")]
    [InlineData("https://messaging.twilio.com/v1/Services/MG1", "http://127.0.0.1:5081/messaging/v1/Services/MG1")]
    [InlineData("https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/AC1.json", "http://127.0.0.1:5081/api/2010-04-01/Accounts/AC1.json")]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PhoneNumber=%2B15005550006&PageSize=50",
        "http://127.0.0.1:5081/api/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PhoneNumber=%2B15005550006&PageSize=50")]
    public void Rewrite_TwilioHost_ProductBecomesThePathPrefix(string twilio, string expected) =>
        Assert.Equal(expected, TwilioSimulatorAddress.Rewrite(new Uri(twilio), Simulator).AbsoluteUri);

    [Fact]
    public void Rewrite_SimulatorUnderAPath_KeepsThatPath() =>
        Assert.Equal("http://localhost:8080/sims/twilio/verify/v2/Services/VA1/VerificationCheck",
            TwilioSimulatorAddress.Rewrite(new Uri("https://verify.twilio.com/v2/Services/VA1/VerificationCheck"),
                new Uri("http://localhost:8080/sims/twilio/")).AbsoluteUri);

    [Fact]
    public void Rewrite_OtherHost_LeftAlone() =>
        Assert.Equal("https://example.com/webhooks/twilio/status",
            TwilioSimulatorAddress.Rewrite(new Uri("https://example.com/webhooks/twilio/status"), Simulator).AbsoluteUri);
}
