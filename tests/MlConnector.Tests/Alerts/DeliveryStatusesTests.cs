using MlConnector.Alerts;

namespace MlConnector.Tests.Alerts;

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
}
