using MlConnector.Alerts;

namespace MlConnector.IntegrationTests.Storage;

/// <summary>
/// A fast final status callback and the dispatcher's record of the MessageSid, at the same moment on PostgreSQL (read
/// committed): each must see the other, so the callback's status always ends on the alert.
/// </summary>
public sealed class StatusCallbackRaceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallbackAndRecordOfItsSid_StartedTogether_OnPostgres_TheCallbackIsNeverLost()
    {
        const int rounds = 60;
        await using var s = await TestStore.CreateAsync("postgres");
        var leases = new AlertLeases(s.Dialect);
        var recorder = new AttemptRecorder(s.Dialect);
        var events = new DeliveryEvents(s.Dialect, s.Protector);
        var lost = new List<int>();

        for (var round = 0; round < rounds; round++)
        {
            var id = await s.EnqueueAsync($"race-{round}", T0);
            var alert = (await leases.ClaimAsync("dispatcher", T0, TimeSpan.FromMinutes(2), Ct))!;
            var sid = $"SM{round:D32}";
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var record = Task.Run(async () =>
            {
                await go.Task;
                Assert.True(await recorder.RecordAsync(alert, "dispatcher",
                    new AttemptOutcome(AlertStates.Sent, 1, null, sid, null, null, null, "attempt", "{}"), T0, Ct));
            }, Ct);
            var callback = Task.Run(async () =>
            {
                await go.Task;
                await events.RecordAsync(new StatusCallback(sid, "undelivered", 30003, new Dictionary<string, string>()), T0, Ct);
            }, Ct);
            go.SetResult();
            await Task.WhenAll(record, callback);

            if (await s.ScalarAsync<string>("SELECT state FROM alerts WHERE id = @id", new { id }) != AlertStates.Undelivered)
            {
                lost.Add(round);
            }
        }

        Assert.True(lost.Count == 0, $"the callback was lost in {lost.Count} of {rounds} rounds: {string.Join(", ", lost)}");
    }
}
