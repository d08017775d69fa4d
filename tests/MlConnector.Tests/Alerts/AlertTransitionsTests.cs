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
    public void NewAlerts_StartPendingHeldQuietOrFailed() =>
        Assert.Equal([AlertStates.Failed, AlertStates.Held, AlertStates.Pending, AlertStates.Quiet], AlertTransitions.Initial.Order());

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
    [InlineData(AlertStates.Held, AlertStates.Pending)] // released
    [InlineData(AlertStates.Held, AlertStates.Discarded)]
    [InlineData(AlertStates.Discarded, AlertStates.Pending)] // a replay of one discarded alert, by hand
    [InlineData(AlertStates.Quiet, AlertStates.Digested)] // sent in the digest at the end of the quiet hours
    [InlineData(AlertStates.Quiet, AlertStates.Pending)] // replayed alone
    [InlineData(AlertStates.Digested, AlertStates.Pending)]
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
    [InlineData(AlertStates.Held, AlertStates.Sent)] // a held alert is never claimed...
    [InlineData(AlertStates.Held, AlertStates.Failed)]
    [InlineData(AlertStates.Held, AlertStates.Expired)]
    [InlineData(AlertStates.Pending, AlertStates.Held)] // ...and nothing enters the hold after creation
    [InlineData(AlertStates.Failed, AlertStates.Held)]
    [InlineData(AlertStates.Pending, AlertStates.Discarded)]
    [InlineData(AlertStates.Discarded, AlertStates.Sent)]
    [InlineData(AlertStates.Quiet, AlertStates.Sent)] // a quiet alert is never claimed
    [InlineData(AlertStates.Pending, AlertStates.Quiet)] // nothing becomes quiet after creation
    [InlineData(AlertStates.Digested, AlertStates.Sent)]
    public void Refuses_EveryOtherMove(string from, string to) => Assert.False(AlertTransitions.Allows(from, to));

    [Fact]
    public void Into_ListsTheStatesThatMayMoveThere()
    {
        Assert.Equal([AlertStates.Sent], AlertTransitions.Into(AlertStates.Delivered));
        Assert.Equal([AlertStates.Pending, AlertStates.Sent], AlertTransitions.Into(AlertStates.Failed).Order());
        Assert.Equal(AlertStates.All.Order(), AlertTransitions.Into(AlertStates.Pending).Order()); // replay from anywhere
    }

    [Fact]
    public void HeldAlerts_LeaveOnlyByReleaseOrDiscard()
    {
        Assert.Equal([AlertStates.Discarded, AlertStates.Pending], AlertTransitions.Allowed[AlertStates.Held].Order());
        Assert.Equal([AlertStates.Held], AlertTransitions.Into(AlertStates.Discarded));
        Assert.DoesNotContain(AlertTransitions.Allowed, a => a.Value.Contains(AlertStates.Held));
    }

    [Fact]
    public void SqlFilterInto_Except_LeavesOutTheHold()
    {
        var replay = AlertTransitions.SqlFilterInto(AlertStates.Pending, except: AlertStates.Held);

        Assert.DoesNotContain("'held'", replay, StringComparison.Ordinal);
        Assert.Contains("'discarded'", replay, StringComparison.Ordinal);
        Assert.Equal("state = 'held'", AlertTransitions.SqlFilterFrom(AlertStates.Held, AlertStates.Discarded));
        Assert.Throws<ArgumentException>(() => AlertTransitions.SqlFilterFrom(AlertStates.Pending, AlertStates.Discarded));
    }

    [Fact]
    public void Into_RefusesANameThatIsNoState() =>
        Assert.Throws<ArgumentException>(() => AlertTransitions.Into("sending"));

    [Fact]
    public void SqlFilterInto_WritesTheFromStatesAsLiterals() =>
        Assert.Equal("state IN ('sent')", AlertTransitions.SqlFilterInto(AlertStates.Delivered));
}
