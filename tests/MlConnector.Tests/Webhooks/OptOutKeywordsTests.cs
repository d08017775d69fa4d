using MlConnector.Webhooks;

namespace MlConnector.Tests.Webhooks;

public sealed class OptOutKeywordsTests
{
    [Theory]
    [InlineData("STOP", "STOP")]
    [InlineData(" unsubscribe ", "STOP")]
    [InlineData("Stop please", null)]
    [InlineData("yes", "START")]
    [InlineData("hello", null)]
    [InlineData("revoke", "STOP")]
    [InlineData("Info", "HELP")]
    public void OptOutKeywords_SingleWordAnyCase(string body, string? expected) =>
        Assert.Equal(expected, OptOutKeywords.Classify(body));

    [Theory]
    [InlineData("arrete", "STOP", "STOP")]
    [InlineData("STOP", "START", "START")]
    [InlineData("aide", "help", "HELP")]
    [InlineData("STOP", "", "STOP")]
    public void OptOutKeywords_TwilioSaidWhichKeywordMatched_ThatWins(string body, string optOutType, string expected) =>
        Assert.Equal(expected, OptOutKeywords.Classify(body, optOutType));
}
