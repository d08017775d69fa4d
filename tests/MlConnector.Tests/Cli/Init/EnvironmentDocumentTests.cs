using MlConnector.Cli.Init;

namespace MlConnector.Tests.Cli.Init;

public sealed class EnvironmentDocumentTests
{
    [Fact]
    public void Render_ValuesWithQuotesDollarsAndBackslashes_AreReadBackUnchanged()
    {
        var answers = new SetupAnswers { ODataPassword = "p\"a$s`s\\w'o rd", TwilioAuthToken = "t0k3n", MasterKey = "a2V5" };

        var text = EnvironmentDocument.Render(answers, "settings.json", DateTimeOffset.UnixEpoch);
        var read = EnvironmentDocument.Parse(text);

        Assert.Contains("MLC_Syspro__OData__Password=\"p\\\"a\\$s\\`s\\\\w'o rd\"", text, StringComparison.Ordinal);
        Assert.Equal("p\"a$s`s\\w'o rd", read["MLC_Syspro__OData__Password"]);
        Assert.Equal(("t0k3n", "a2V5"), (read["MLC_Twilio__AuthToken"], read["MLC_MASTER_KEY"]));
    }

    [Fact]
    public void Render_AValueOnSeveralLines_IsRefused() =>
        Assert.Throws<SetupUsageException>(() =>
            EnvironmentDocument.Render(new SetupAnswers { TwilioAuthToken = "a\nb" }, "settings.json", DateTimeOffset.UnixEpoch));
}
