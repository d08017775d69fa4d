using Dapper;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>Alerts created in one slot of a chart (an hour, a day), by what became of them, and the SMS segments they
/// sent (see <see cref="AlertActivity"/> for which count).</summary>
public sealed record ActivitySlot(DateTimeOffset Start, long Delivered, long Waiting, long Failed, long Segments)
{
    public long Total => Delivered + Waiting + Failed;
}

/// <summary>One rule's alerts over the last 24 hours, and the SMS segments they sent.</summary>
public sealed record RuleActivity(string Rule, long Delivered, long Waiting, long Failed, long Segments);

/// <summary>How long texts took from detection to Twilio's acceptance over a window: median, 95th percentile, slowest.</summary>
public sealed record SendLatency(int Texts, TimeSpan Median, TimeSpan P95, TimeSpan Slowest);

/// <summary>What needs an operator now: each count links to the list that shows it. <paramref name="UndeliveredThisWeek"/>:
/// texts Twilio reported undelivered (a handset off, a number unknown), replayable like failed ones.</summary>
public sealed record NeedsAttention(long FailedThisWeek, long UndeliveredThisWeek, long RulesInError, long UnroutedToday, long OptedOutWaiting)
{
    public bool Nothing => FailedThisWeek + UndeliveredThisWeek + RulesInError + UnroutedToday + OptedOutWaiting == 0;
}

/// <summary>The dashboard overview's charts and its "needs me" counts, grouped in the database (a day's alerts are not loaded).</summary>
public sealed class AlertActivity(IDbDialect dialect)
{
    /// <summary>States that count as delivered and as failed on the charts; every other state is still on its way.</summary>
    private static readonly string[] DeliveredStates = [AlertStates.Delivered, AlertStates.Sent, AlertStates.Digested];
    private static readonly string[] FailedStates = [AlertStates.Failed, AlertStates.Undelivered, AlertStates.Expired, AlertStates.Suppressed];

    /// <summary>
    /// States whose segments count as sent, i.e. what Twilio bills: accepted (sent), delivered, and undelivered (the
    /// carrier had it; Twilio bills those too). Not failed (Twilio does not bill a failed message, and most never reached
    /// it), not digested (the digest is an alert of its own and carries its segments; counting both would count twice).
    /// </summary>
    private static readonly string[] SentStates = [AlertStates.Sent, AlertStates.Delivered, AlertStates.Undelivered];

    /// <summary><paramref name="count"/> slots of <paramref name="width"/> from <paramref name="from"/>.</summary>
    public async Task<IReadOnlyList<ActivitySlot>> SlotsAsync(DateTimeOffset from, TimeSpan width, int count, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Slot, string State, long Count, long Segments)>(new CommandDefinition(
            "SELECT (created_at - @from) / @width AS slot, state, COUNT(*), SUM(segments) FROM alerts WHERE created_at >= @from AND created_at < @to " +
            "GROUP BY (created_at - @from) / @width, state",
            new { from = from.ToStored(), width = (long)width.TotalMilliseconds, to = (from + width * count).ToStored() }, cancellationToken: ct));
        var bySlot = rows.ToLookup(r => r.Slot);
        return Enumerable.Range(0, count).Select(i =>
        {
            var (delivered, waiting, failed) = Split(bySlot[i].Select(r => (r.State, r.Count)));
            return new ActivitySlot(from + width * i, delivered, waiting, failed, SegmentsSent(bySlot[i].Select(r => (r.State, r.Segments))));
        }).ToList();
    }

    public async Task<IReadOnlyList<RuleActivity>> ByRuleAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Rule, string State, long Count, long Segments)>(new CommandDefinition(
            "SELECT rule_id, state, COUNT(*), SUM(segments) FROM alerts WHERE created_at >= @since GROUP BY rule_id, state",
            new { since = since.ToStored() }, cancellationToken: ct));
        return rows.GroupBy(r => r.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var (delivered, waiting, failed) = Split(g.Select(r => (r.State, r.Count)));
            return new RuleActivity(g.Key, delivered, waiting, failed, SegmentsSent(g.Select(r => (r.State, r.Segments))));
        }).ToList();
    }

    /// <summary>Failed and undelivered alerts of the last 7 days, and alerts waiting (pending or failed) for a number
    /// that opted out.</summary>
    public async Task<(long Failed, long Undelivered, long OptedOutWaiting)> AttentionAsync(DateTimeOffset weekAgo, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleAsync<(long, long, long)>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM alerts WHERE state = @Failed AND updated_at >= @weekAgo),
                   (SELECT COUNT(*) FROM alerts WHERE state = @Undelivered AND updated_at >= @weekAgo),
                   (SELECT COUNT(*) FROM alerts a WHERE a.state IN (@Failed, @Pending)
                      AND EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone_index = a.recipient_phone_index))
            """,
            new { AlertStates.Failed, AlertStates.Undelivered, AlertStates.Pending, weekAgo = weekAgo.ToStored() }, cancellationToken: ct));
    }

    /// <summary>From detection (the alert's creation) to Twilio accepting it, for texts accepted since
    /// <paramref name="since"/>; null when there were none. Percentiles are the nearest rank, computed here (the two
    /// databases do not share a percentile function); a day's sends are a few thousand numbers at most.</summary>
    public async Task<SendLatency?> LatencyAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var millis = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT sent_at - created_at FROM alerts WHERE sent_at IS NOT NULL AND sent_at >= @since",
            new { since = since.ToStored() }, cancellationToken: ct))).Order().ToList();
        if (millis.Count == 0)
        {
            return null;
        }

        TimeSpan Rank(double share) => TimeSpan.FromMilliseconds(millis[Math.Max(0, (int)Math.Ceiling(share * millis.Count) - 1)]);
        return new SendLatency(millis.Count, Rank(0.5), Rank(0.95), TimeSpan.FromMilliseconds(millis[^1]));
    }

    private static long SegmentsSent(IEnumerable<(string State, long Segments)> segments) =>
        segments.Where(s => SentStates.Contains(s.State)).Sum(s => s.Segments);

    private static (long Delivered, long Waiting, long Failed) Split(IEnumerable<(string State, long Count)> counts)
    {
        long delivered = 0, waiting = 0, failed = 0;
        foreach (var (state, count) in counts)
        {
            if (DeliveredStates.Contains(state))
            {
                delivered += count;
            }
            else if (FailedStates.Contains(state))
            {
                failed += count;
            }
            else if (state != AlertStates.Discarded)
            {
                waiting += count;
            }
        }

        return (delivered, waiting, failed);
    }
}
