using MlConnector.Sms;

namespace MlConnector.Tests.Sms;

public sealed class TwilioBaseUrlHandlerTests
{
    [Theory]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json")]
    [InlineData("https://messaging.twilio.com/v1/Services/MG1", "https://messaging.twilio.com/v1/Services/MG1")]
    [InlineData("https://verify.twilio.com/v2/Services/VA1/Verifications", "https://verify.twilio.com/v2/Services/VA1/Verifications")]
    public void Readdress_RealTwilio_EveryProductKeepsItsOwnHost(string request, string expected) =>
        Assert.Equal(new Uri(expected), TwilioBaseUrlHandler.Readdress(new Uri(request), new Uri("https://api.twilio.com")));

    [Fact]
    public void Readdress_TwilioEdge_OnlyTheApiHostGoesToTheEdge()
    {
        var edge = new Uri("https://api.dublin.ie1.twilio.com");

        Assert.Equal(new Uri("https://api.dublin.ie1.twilio.com/2010-04-01/Accounts.json"),
            TwilioBaseUrlHandler.Readdress(new Uri("https://api.twilio.com/2010-04-01/Accounts.json"), edge));
        Assert.Equal(new Uri("https://messaging.twilio.com/v1/Services/MG1"),
            TwilioBaseUrlHandler.Readdress(new Uri("https://messaging.twilio.com/v1/Services/MG1"), edge));
    }

    [Theory]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PhoneNumber=%2B15005550006",
        "http://127.0.0.1:5081/api/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PhoneNumber=%2B15005550006")]
    [InlineData("https://messaging.twilio.com/v1/Services/MG1", "http://127.0.0.1:5081/messaging/v1/Services/MG1")]
    public void Readdress_Simulator_EveryProductGoesThereUnderItsName(string request, string expected) =>
        Assert.Equal(new Uri(expected), TwilioBaseUrlHandler.Readdress(new Uri(request), new Uri("http://127.0.0.1:5081/")));

    [Fact]
    public void Readdress_NotATwilioHost_IsLeftAlone() =>
        Assert.Equal(new Uri("https://example.com/x"),
            TwilioBaseUrlHandler.Readdress(new Uri("https://example.com/x"), new Uri("http://127.0.0.1:5081/")));
}
