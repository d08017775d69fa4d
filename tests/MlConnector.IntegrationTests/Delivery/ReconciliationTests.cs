using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Simulators.Twilio;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>
/// A send in doubt (Twilio may have accepted it, its answer never came) is settled before anything else happens to the
/// alert: by its status callback, which names the alert, or by a bounded look at Twilio's message list, backed off when
/// the list cannot be read; never by a text recorded on another alert.
/// </summary>
public sealed class ReconciliationTests
{
    private const string Phone = "+15557010901";

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Callback_ForAnAlertInDoubt_RecordsItsSidAndSettlesIt(DeliveryStore store)
    {
        await using var h = await DeliveryHarness.StartAsync(store, null, ("Twilio:BackoffBase", "00:00:10"));
        // Twilio accepts the text but its answer is lost, and its message list cannot be read: only the callbacks tell.
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.AcceptThenDrop));
        h.Simulator.Faults.DownUntil(h.Time.GetUtcNow().AddHours(1), new TwilioFault(TwilioFaultKind.ServerErrorJson),
            TwilioFaultTarget.MessageList);
        var id = await h.EnqueueAsync(Phone, "PO 9100 approved", "po-9100");

        await h.DriveUntilStateAsync(id, AlertStates.Delivered);

        var message = Assert.Single(h.Simulator.Messages);
        Assert.Equal(message.Sid, (await h.AlertAsync(id)).MessageSid);
        Assert.Single(h.Simulator.CreateRequests);
        Assert.Contains(await h.AuditAsync(id), a => a.Kind == "attempt"
            && a.Detail!.Contains("\"outcome\":\"reconciled\"", StringComparison.Ordinal)
            && a.Detail.Contains("\"via\":\"status-callback\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lookup_TwilioListDownTenMinutes_TriedAgainWithBackoffNotEveryFewSeconds()
    {
        // Callbacks cannot reach the connector (port 9 refuses): only the message list can tell.
        await using var h = await DeliveryHarness.StartAsync(null, ("Twilio:MaxAttempts", "20"),
            ("Twilio:PublicBaseUrl", "http://127.0.0.1:9/"));
        var start = h.Time.GetUtcNow();
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.AcceptThenDrop));
        h.Simulator.Faults.DownUntil(start.AddMinutes(10), new TwilioFault(TwilioFaultKind.ServiceUnavailableHtml),
            TwilioFaultTarget.MessageList);
        var id = await h.EnqueueAsync(Phone, "PO 9101 approved", "po-9101");

        await h.DriveUntilAsync(() => Task.FromResult(h.Time.GetUtcNow() >= start.AddMinutes(10)), TimeSpan.FromSeconds(5));
        var failedLookups = (await h.AuditAsync(id)).Count(a => a.Detail!.Contains("reconcile-failed", StringComparison.Ordinal));
        await h.DriveUntilStateAsync(id, AlertStates.Sent, TimeSpan.FromSeconds(5));

        Assert.InRange(failedLookups, 1, 14); // backed off like sends (5 s doubling, capped), not every 1 to 4 s
        Assert.Single(h.Simulator.CreateRequests);
        Assert.Equal(Assert.Single(h.Simulator.Messages).Sid, (await h.AlertAsync(id)).MessageSid);
    }

    [Fact]
    public async Task Lookup_TheSameTextRecordedOnAnotherAlert_IsNotTakenForThisOne()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var first = await h.EnqueueAsync(Phone, "PO 9102 approved", "po-9102-a");
        await h.DriveUntilStateAsync(first, AlertStates.Delivered);
        var firstSid = (await h.AlertAsync(first)).MessageSid;

        // The same text to the same person once more (another event), whose send never reached Twilio: in doubt.
        var second = (await h.EnqueueManyAsync([(Phone, "PO 9102 approved", "po-9102-b")], (c, t) => c.ExecuteAsync(
            "UPDATE alerts SET in_doubt_since = @now, attempts = 1 WHERE alert_key LIKE '%po-9102-b%'",
            new { now = h.Time.GetUtcNow().ToStored() }, t))).Single();
        await h.DriveUntilStateAsync(second, AlertStates.Delivered);

        Assert.NotEqual(firstSid, (await h.AlertAsync(second)).MessageSid);
        Assert.Equal(2, h.Simulator.CreateRequests.Count);
    }

    [Fact]
    public async Task InDoubt_PastTheValidityPeriod_IsLookedUpBeforeItCouldExpire()
    {
        await using var h = await DeliveryHarness.StartAsync(null, ("Twilio:ValidityPeriod", "00:01:00"),
            ("Twilio:PublicBaseUrl", "http://127.0.0.1:9/"));
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.AcceptThenDrop));
        var id = await h.EnqueueAsync(Phone, "PO 9103 approved", "po-9103");
        await h.DriveUntilAsync(async () => (await h.AlertAsync(id)).Attempts == 1, TimeSpan.FromMilliseconds(100));
        await ExecuteAsync(h, "UPDATE alerts SET next_attempt_at = @at WHERE id = @id",
            new { id, at = h.Time.GetUtcNow().AddMinutes(2).ToStored() }); // next looked at after the validity period

        await h.DriveUntilAsync(async () => (await h.AlertAsync(id)).State != AlertStates.Pending, TimeSpan.FromSeconds(1));

        Assert.Equal(AlertStates.Sent, (await h.AlertAsync(id)).State);
        Assert.Equal(Assert.Single(h.Simulator.Messages).Sid, (await h.AlertAsync(id)).MessageSid);
    }

    [Fact]
    public async Task Attempt_FailsUnexpectedly_TheAlertIsGivenBackForLaterNotLeftToItsLease()
    {
        await using var h = await DeliveryHarness.StartAsync();
        // A body that no longer decrypts (a broken row): the attempt throws.
        var id = (await h.EnqueueManyAsync([(Phone, "PO 9104 approved", "po-9104")], (c, t) => c.ExecuteAsync(
            "UPDATE alerts SET body = @body WHERE alert_key LIKE '%po-9104%'", new { body = new byte[] { 1, 2, 3 } }, t))).Single();

        await h.DriveUntilAsync(() => Task.FromResult(h.Logs.Any(l => l.Id.Id == 3004)), TimeSpan.FromMilliseconds(100), 50);

        await using var connection = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        var row = await connection.QuerySingleAsync<(string? Owner, long NextAttemptAt)>(
            "SELECT lease_owner, next_attempt_at FROM alerts WHERE id = @id", new { id });
        Assert.Null(row.Owner);
        Assert.True(UnixTime.FromStored(row.NextAttemptAt) > h.Time.GetUtcNow(), "due again later, not at once");
        Assert.Empty(h.Simulator.CreateRequests);
    }

    private static async Task ExecuteAsync(DeliveryHarness h, string sql, object args)
    {
        await using var connection = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(sql, args);
    }
}
