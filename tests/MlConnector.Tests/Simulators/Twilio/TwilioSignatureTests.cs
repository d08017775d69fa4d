using MlConnector.Simulators.Twilio;

namespace MlConnector.Tests.Simulators.Twilio;

/// <summary>The simulator's signer on every vector of specs/twilio.md section 5.</summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Path = "/myapp.php?foo=1&bar=2";
    private const string Body = "{\"property\": \"value\", \"boolean\": true}";
    private const string BodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

    private static readonly Dictionary<string, string> Params = new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["From"] = "+14158675309",
        ["Digits"] = "1234",
        ["To"] = "+18005551212",
        ["Caller"] = "+14158675309",
    };

    // The eleven URL vectors themselves are checked against both this signer and the SDK's RequestValidator in
    // IntegrationTests/Simulators/Twilio/TwilioSignatureSdkTests; here: the port variants, rejections and bodies.
    [Theory]
    [InlineData("https://mycompany.com:443", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("https://mycompany.com:1234", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public void Validate_PortAddedOrRemoved_Accepts(string prefix, string signature) =>
        Assert.True(TwilioSignature.Validate(Token, prefix + Path, Params, signature));

    [Theory]
    [InlineData("https://MyCompany.com", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com", "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public void Validate_WrongSignature_Rejects(string prefix, string signature) =>
        Assert.False(TwilioSignature.Validate(Token, prefix + Path, Params, signature));

    [Fact]
    public void BodyHash_SpecBody_MatchesTwilio() => Assert.Equal(BodyHash, TwilioSignature.BodyHash(Body));

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=" + BodyHash, "a9nBmqA0ju/hNViExpshrM61xv4=")]
    [InlineData("https://mycompany.com/myapp.php?bodySHA256=" + BodyHash, "y77kIzt2vzLz71DgmJGsen2scGs=")]
    public void Compute_JsonBodyUrlOnly_MatchesTwilio(string url, string expected) =>
        Assert.Equal(expected, TwilioSignature.Compute(Token, url, []));

    [Fact]
    public void Compute_Sha256Variant_MatchesComputedVector() =>
        Assert.Equal("033hgUJA9M/hXIZsYjwkerEP/DBm35nEri5FhCYjA5s=",
            TwilioSignature.Compute(Token, "https://mycompany.com" + Path, Params, sha256: true));
}
