using MlConnector.Rules;
using MlConnector.Voice;

namespace MlConnector.Tests.Voice;

public sealed class VoiceSettingsTests
{
    [Theory]
    [InlineData("failed", false, null)]
    [InlineData("Not-Acknowledged", true, null)]
    [InlineData("not-acknowledged", false, "When: not-acknowledged needs Acknowledge on the rule: nothing can be acknowledged otherwise.")]
    [InlineData("sometimes", true, "When: must be failed or not-acknowledged (it is 'sometimes').")]
    [InlineData(null, true, "When: must be failed or not-acknowledged.")]
    public void When_IsCheckedAgainstTheRule(string? when, bool acknowledges, string? error)
    {
        var errors = new List<string>();

        var policy = VoicePolicy.From(new VoiceOptions { When = when }, acknowledges, (key, message) => errors.Add($"{key}: {message}"));

        Assert.Equal(error is null ? [] : [error], errors);
        Assert.Equal(error is null, policy is not null);
        Assert.Equal(error is null ? TimeSpan.FromMinutes(15) : (TimeSpan?)null, policy?.After);
    }

    [Fact]
    public void TheCall_ReadsTheTextWithoutItsReplyLine_EscapedAsXml_AndGathersOneKey()
    {
        var twiml = VoiceCalls.Twiml("PO 7 approved: O'Brien & Sons <big> order. Reply OK 7KQ2 to confirm.",
            new Uri("https://alerts.example.com/webhooks/twilio/voice/gather?call=3"));

        Assert.Equal(
            "<Response><Gather numDigits=\"1\" action=\"https://alerts.example.com/webhooks/twilio/voice/gather?call=3\" method=\"POST\" timeout=\"10\">"
            + "<Say>This is an alert from ml-connector. PO 7 approved: O'Brien &amp; Sons &lt;big&gt; order. Press 1 to confirm.</Say></Gather>"
            + "<Say>Nothing was pressed. Goodbye.</Say></Response>",
            twiml);
    }
}
