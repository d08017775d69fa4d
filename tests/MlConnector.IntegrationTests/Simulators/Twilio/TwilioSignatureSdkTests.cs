using MlConnector.Simulators.Twilio;
using Twilio.Security;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>The simulator's signer against the SDK's RequestValidator on the vectors of specs/twilio.md section 5.</summary>
public sealed class TwilioSignatureSdkTests
{
    private static readonly Dictionary<string, string> Params = new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["From"] = "+14158675309",
        ["Digits"] = "1234",
        ["To"] = "+18005551212",
        ["Caller"] = "+14158675309",
    };

    [Theory]
    [InlineData("https://mycompany.com", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com:443", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("https://MyCompany.com", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("https://MyCompany.com:1234", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=")]
    [InlineData("http://MyCompany.com", "XY7AlKOKL6im4yWyX84gldUrtis=")]
    [InlineData("http://username:password@MyCompany.com", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=")]
    [InlineData("HTTP://username:password@MyCompany.com", "hy/l8pca+LFms4cvRdv8uiP6NGc=")]
    [InlineData("http://Username:Password@MyCompany.com", "SkTSKyDJH9kUlhItI0slbgZ1UsI=")]
    [InlineData("http://mycompany.com:80", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("https://mycompany.com:1234", "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    [InlineData("http://mycompany.com:1234", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    public void Compute_SpecVector_SdkValidatorAccepts(string prefix, string expected)
    {
        var url = prefix + "/myapp.php?foo=1&bar=2";

        var signature = TwilioSignature.Compute("12345", url, Params);

        Assert.Equal(expected, signature);
        Assert.True(new RequestValidator("12345").Validate(url, Params, signature));
    }

    [Fact]
    public void Compute_SimulatorStyleCallback_SdkValidatorAccepts()
    {
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM1", ["MessageStatus"] = "sent", ["Body"] = "a+b c&d=é" };
        const string url = "http://127.0.0.1:5080/twilio/status?x=1";

        Assert.True(new RequestValidator("tok").Validate(url, form, TwilioSignature.Compute("tok", url, form)));
    }
}
