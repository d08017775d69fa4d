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
    public void OptOutKeywords_SingleWordAnyCase(string body, string? expected) =>
        Assert.Equal(expected, OptOutKeywords.Classify(body));
}
