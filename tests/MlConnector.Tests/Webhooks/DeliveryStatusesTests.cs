using MlConnector.Webhooks;

namespace MlConnector.Tests.Webhooks;

public sealed class DeliveryStatusesTests
{
    [Theory]
    [InlineData(null, "sent", true)]
    [InlineData("sent", "delivered", true)]
    [InlineData("delivered", "sent", false)]
    [InlineData("undelivered", "delivered", false)]
    [InlineData("sent", "queued", false)]
    public void Advances_FinalNeverMovesBack(string? current, string next, bool expected) =>
        Assert.Equal(expected, DeliveryStatuses.Advances(current, next));

    [Theory]
    [InlineData("STOP", "STOP")]
    [InlineData(" unsubscribe ", "STOP")]
    [InlineData("Stop please", null)]
    [InlineData("yes", "START")]
    [InlineData("hello", null)]
    public void OptOutKeywords_SingleWordAnyCase(string body, string? expected) =>
        Assert.Equal(expected, OptOutKeywords.Classify(body));
}
