using MlConnector.Alerts;

namespace MlConnector.Tests.Alerts;

public sealed class AlertTransitionsTests
{
    [Fact]
    public void EveryState_HasARow_AndEveryMoveLeadsToAState()
    {
        Assert.Equal(AlertStates.All.Order(), AlertTransitions.Allowed.Keys.Order());
        Assert.All(AlertTransitions.Allowed.Values.SelectMany(to => to), to => Assert.Contains(to, AlertStates.All));
    }

    [Fact]
    public void NewAlerts_StartPendingOrFailed() =>
        Assert.Equal([AlertStates.Failed, AlertStates.Pending], AlertTransitions.Initial.Order());

    [Theory]
    [InlineData(AlertStates.Pending, AlertStates.Pending)] // retry scheduled, or a send in doubt
    [InlineData(AlertStates.Pending, AlertStates.Sent)]
    [InlineData(AlertStates.Pending, AlertStates.Failed)]
    [InlineData(AlertStates.Pending, AlertStates.Suppressed)]
    [InlineData(AlertStates.Pending, AlertStates.Expired)]
    [InlineData(AlertStates.Sent, AlertStates.Delivered)]
    [InlineData(AlertStates.Sent, AlertStates.Undelivered)]
    [InlineData(AlertStates.Sent, AlertStates.Failed)]
    [InlineData(AlertStates.Sent, AlertStates.Sent)] // a repeated "sent" callback
    [InlineData(AlertStates.Sent, AlertStates.Pending)] // replay
    [InlineData(AlertStates.Delivered, AlertStates.Pending)]
    [InlineData(AlertStates.Undelivered, AlertStates.Pending)]
    [InlineData(AlertStates.Failed, AlertStates.Pending)]
    [InlineData(AlertStates.Suppressed, AlertStates.Pending)]
    [InlineData(AlertStates.Expired, AlertStates.Pending)]
    public void Allows_TheMovesAnAlertMakes(string from, string to) => Assert.True(AlertTransitions.Allows(from, to));

    [Theory]
    [InlineData(AlertStates.Pending, AlertStates.Delivered)] // a callback cannot deliver what was never sent
    [InlineData(AlertStates.Pending, AlertStates.Undelivered)]
    [InlineData(AlertStates.Delivered, AlertStates.Sent)] // a final state never moves back...
    [InlineData(AlertStates.Delivered, AlertStates.Failed)]
    [InlineData(AlertStates.Undelivered, AlertStates.Delivered)]
    [InlineData(AlertStates.Failed, AlertStates.Sent)] // ...except by a replay, through pending
    [InlineData(AlertStates.Suppressed, AlertStates.Sent)]
    [InlineData(AlertStates.Expired, AlertStates.Failed)]
    [InlineData("sending", AlertStates.Sent)] // not a state
    public void Refuses_EveryOtherMove(string from, string to) => Assert.False(AlertTransitions.Allows(from, to));

    [Fact]
    public void Into_ListsTheStatesThatMayMoveThere()
    {
        Assert.Equal([AlertStates.Sent], AlertTransitions.Into(AlertStates.Delivered));
        Assert.Equal([AlertStates.Pending, AlertStates.Sent], AlertTransitions.Into(AlertStates.Failed).Order());
        Assert.Equal(AlertStates.All.Order(), AlertTransitions.Into(AlertStates.Pending).Order()); // replay from anywhere
    }

    [Fact]
    public void Into_RefusesANameThatIsNoState() =>
        Assert.Throws<ArgumentException>(() => AlertTransitions.Into("sending"));

    [Fact]
    public void SqlFilterInto_WritesTheFromStatesAsLiterals() =>
        Assert.Equal("state IN ('sent')", AlertTransitions.SqlFilterInto(AlertStates.Delivered));
}
