using MlConnector.Alerts;
using MlConnector.Audit;

namespace MlConnector.IntegrationTests.TwoWay;

/// <summary>Acknowledge by reply (issue 16): "OK XXXX" and a bare "OK" close the event for all its recipients, the
/// person gets a confirmation through the outbox, and an acknowledged event escalates nothing.</summary>
public sealed class AcknowledgementTests
{
    private static readonly (string, string)[] EscalateToBackupAfter30Minutes =
        [("Escalate:After", "00:30:00"), ("Escalate:To:People:0", "backup")];

    [Fact]
    public async Task OkWithTheReference_AcknowledgesTheEvent_ConfirmsByText_AndNothingEscalates()
    {
        await using var h = await TwoWayHarness.StartAsync(null, EscalateToBackupAfter30Minutes);
        var alert = await h.ApprovePurchaseOrderAsync();
        var text = Assert.Single(h.TextsTo(TwoWayHarness.Buyer));
        var reference = TwoWayHarness.ReferenceOf(text);
        Assert.Matches("^[A-HJ-NP-Z2-9]{4}$", reference);
        Assert.StartsWith($"PO {alert.SourceKey.Trim()} approved", text, StringComparison.Ordinal);

        h.Side.Time.Advance(TimeSpan.FromMinutes(10));
        var repliedAt = h.Side.Time.GetUtcNow();
        await h.ReplyAsync(TwoWayHarness.Buyer, $"  ok {reference.ToLowerInvariant()} ");
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 2);

        Assert.Equal($"Thank you: {reference} is confirmed.", h.TextsTo(TwoWayHarness.Buyer)[1]);
        var api = await h.ApiAlertAsync(alert.Id);
        Assert.Equal(repliedAt.ToUnixTimeMilliseconds(), api.GetProperty("acknowledgedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal("buyer", api.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, api.GetProperty("escalationOf").ValueKind);
        Assert.Contains(AuditKinds.Acknowledged, await h.AuditKindsAsync(alert.Id));

        await h.PassAsync(TimeSpan.FromMinutes(40));
        Assert.Empty(h.TextsTo(TwoWayHarness.Backup));
    }

    [Fact]
    public async Task BareOk_AcknowledgesTheMostRecentOpenAlertSentToThatNumber()
    {
        await using var h = await TwoWayHarness.StartAsync(null, EscalateToBackupAfter30Minutes);
        var first = await h.ApprovePurchaseOrderAsync();
        h.Side.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await h.ApprovePurchaseOrderAsync();
        var reference = TwoWayHarness.ReferenceOf(h.TextsTo(TwoWayHarness.Buyer)[1]);

        await h.ReplyAsync(TwoWayHarness.Buyer, "OK");
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 3);

        Assert.Equal($"Thank you: {reference} is confirmed.", h.TextsTo(TwoWayHarness.Buyer)[2]);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await h.ApiAlertAsync(first.Id)).GetProperty("acknowledgedAt").ValueKind);
        Assert.Equal("buyer", (await h.ApiAlertAsync(second.Id)).GetProperty("acknowledgedBy").GetString());

        // The first event was not acknowledged: its backup is texted after 30 minutes; the second's is not.
        await h.PassAsync(TimeSpan.FromMinutes(31));
        await h.DriveUntilTextsAsync(TwoWayHarness.Backup, 1);
        var escalation = Assert.Single(h.TextsTo(TwoWayHarness.Backup));
        Assert.Contains(TwoWayHarness.ReferenceOf(h.TextsTo(TwoWayHarness.Buyer)[0]), escalation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownReference_GetsAHelpfulReply_AndAStrangerGetsNothing()
    {
        await using var h = await TwoWayHarness.StartAsync(null, EscalateToBackupAfter30Minutes);
        var alert = await h.ApprovePurchaseOrderAsync();

        await h.ReplyAsync(TwoWayHarness.Buyer, "OK ZZZZ");
        await h.ReplyAsync(TwoWayHarness.Stranger, "OK");
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 2);
        await h.PassAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("No alert has the reference ZZZZ. Reply OK and the 4-character code", h.TextsTo(TwoWayHarness.Buyer)[1], StringComparison.Ordinal);
        Assert.Empty(h.TextsTo(TwoWayHarness.Stranger));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await h.ApiAlertAsync(alert.Id)).GetProperty("acknowledgedAt").ValueKind);
    }

    [Fact]
    public async Task StopAndHelp_KeepTheirMeaning_ForPeopleAskedToAcknowledge()
    {
        await using var h = await TwoWayHarness.StartAsync(null, EscalateToBackupAfter30Minutes);
        await h.ApprovePurchaseOrderAsync();

        await h.ReplyAsync(TwoWayHarness.Buyer, "STOP");
        await h.ReplyAsync(TwoWayHarness.Buyer, "HELP");
        await h.PassAsync(TimeSpan.FromSeconds(10));

        Assert.Single(h.TextsTo(TwoWayHarness.Buyer)); // no confirmation and no "unknown reference" reply
        Assert.Single(await h.EventAlertsAsync());
    }

    [Fact]
    public async Task TheAlertList_FiltersTextsWaitingForAcknowledgement_AndAcknowledgedOnes()
    {
        await using var h = await TwoWayHarness.StartAsync(null, EscalateToBackupAfter30Minutes);
        var alert = await h.ApprovePurchaseOrderAsync();
        async Task<List<long>> ListedAsync(string filter) =>
            (await h.ApiGetAsync($"/api/alerts?acknowledgement={filter}")).GetProperty("items").EnumerateArray()
                .Select(i => i.GetProperty("id").GetInt64()).ToList();

        Assert.Equal([alert.Id], await ListedAsync("waiting"));
        Assert.Empty(await ListedAsync("acknowledged"));
        await h.ReplyAsync(TwoWayHarness.Buyer, "ok");
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 2);

        Assert.Empty(await ListedAsync("waiting"));
        Assert.Equal([alert.Id], await ListedAsync("acknowledged"));
    }

    [Fact]
    public async Task AReferencePastItsWindow_GetsAReplySayingSo()
    {
        await using var h = await TwoWayHarness.StartAsync(null, ("Window", "00:05:00"));
        await h.ApprovePurchaseOrderAsync();
        var reference = TwoWayHarness.ReferenceOf(h.TextsTo(TwoWayHarness.Buyer)[0]);

        h.Side.Time.Advance(TimeSpan.FromMinutes(6));
        await h.ReplyAsync(TwoWayHarness.Buyer, $"OK {reference}");
        await h.DriveUntilTextsAsync(TwoWayHarness.Buyer, 2);

        Assert.Equal($"{reference} can no longer be confirmed: its time to confirm has passed.", h.TextsTo(TwoWayHarness.Buyer)[1]);
    }

    [Fact]
    public async Task ATextCutToTwilioLimit_StillEndsWithTheReplyInstruction()
    {
        await using var h = await TwoWayHarness.StartWithAsync(null,
            [($"Rules:{Rules.RulePresets.PoApproved}:Template", "PO {{ PurchaseOrder }} approved.{% for i in (1..400) %} more words{% endfor %}")],
            ("Window", "1.00:00:00"));

        await h.ApprovePurchaseOrderAsync();

        var text = Assert.Single(h.TextsTo(TwoWayHarness.Buyer));
        Assert.Equal(1600, text.Length);
        Assert.Contains(" [truncated] Reply OK ", text, StringComparison.Ordinal);
        TwoWayHarness.ReferenceOf(text);
    }
}
