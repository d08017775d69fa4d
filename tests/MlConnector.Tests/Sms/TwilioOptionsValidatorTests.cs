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

    [Theory]
    [InlineData("VA123", "Twilio:VerifyServiceSid: 'VA123' is not a Verify service SID")]
    [InlineData("MG0123456789abcdef0123456789abcdef", "is not a Verify service SID: VA followed by 32 hex digits")]
    public void Validate_VerifyServiceSidNotAVerifySid_SaysWhatOneLooksLike(string sid, string expected)
    {
        var result = new TwilioOptionsValidator().Validate(null, new TwilioOptions
        {
            AccountSid = "AC1", AuthToken = "t", From = "+15005550006", PublicBaseUrl = new Uri("https://alerts.example.com/"), VerifyServiceSid = sid,
        });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VerifyServiceSidWithoutAccount_NeedsTheSitesOwnAccount()
    {
        var result = new TwilioOptionsValidator().Validate(null, new TwilioOptions { VerifyServiceSid = "VA0123456789abcdef0123456789abcdef" });

        Assert.True(result.Failed);
        Assert.Contains("Twilio:VerifyServiceSid needs Twilio:AccountSid and Twilio:AuthToken", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VerifyServiceSidWithAccount_TurnsTheSecondFactorOn()
    {
        var options = new TwilioOptions
        {
            AccountSid = "AC1", AuthToken = "t", From = "+15005550006", PublicBaseUrl = new Uri("https://alerts.example.com/"),
            VerifyServiceSid = "VA0123456789abcdef0123456789abcdef",
        };

        Assert.True(new TwilioOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(options.SecondFactorOn);
        Assert.False(new TwilioOptions { AccountSid = "AC1" }.SecondFactorOn);
    }
}
