using MlConnector.Sms;

namespace MlConnector.Tests.Sms;

public sealed class TwilioOptionsValidatorTests
{
    [Fact]
    public void Validate_NoAccountSid_DeliveryOffAndSkipped() =>
        Assert.True(new TwilioOptionsValidator().Validate(null, new TwilioOptions()).Skipped);

    [Fact]
    public void Validate_AccountSidWithoutTokenOrSender_NamesTheSettings()
    {
        var result = new TwilioOptionsValidator().Validate(null, new TwilioOptions { AccountSid = "AC1" });

        Assert.True(result.Failed);
        Assert.Contains("Twilio:AuthToken is required", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Twilio:From or Twilio:MessagingServiceSid", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Complete_Succeeds() =>
        Assert.True(new TwilioOptionsValidator().Validate(null,
            new TwilioOptions { AccountSid = "AC1", AuthToken = "t", From = "+15005550006", PublicBaseUrl = new Uri("https://alerts.example.com/") }).Succeeded);
}
