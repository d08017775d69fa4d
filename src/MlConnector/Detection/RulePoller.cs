using System.Globalization;
using MlConnector.Acknowledgement;
using MlConnector.Alerts;
using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Storage;
using MlConnector.Syspro;
using MlConnector.Templates;

namespace MlConnector.Detection;

/// <summary>
/// One poll of one rule: read SYSPRO, detect, enrich and render, then advance the rule's state and enqueue the
/// alerts in ONE transaction, so an event is either fully recorded or will be detected again next poll.
/// </summary>
public sealed class RulePoller(
    IDbDialect dialect,
    RuleStateStore store,
    SysproSources sources,
    RecipientDirectory directory,
    TemplateRenderer templates,
    AlertEnqueuer enqueuer,
    AcknowledgedAlerts acknowledged,
    NewAlertsSignal newAlerts,
    PollTracker tracker,
    PollMetrics metrics,
    RuleLeases leases,
    AnswerGuard guard,
    LookupFailures lookups,
    RuleSchemas schemas,
    RuleReads reads,
    TimeProvider time,
    ILogger<RulePoller> logger)
{
    public async Task<PollRecord> PollAsync(RuleDefinition rule, CancellationToken ct)
    {
        var started = time.GetUtcNow();
        var timestamp = time.GetTimestamp();
        // The poll's run id, allocated now: the alerts it enqueues carry it in their keys (one transition occurrence).
        // A poll that does not commit enqueues nothing, and the next one detects the same transitions under its own id.
        var runId = Guid.CreateVersion7(started).ToString("N");
        var rowsRead = 0;
        try
        {
            if (await leases.TryAcquireAsync(rule, ct) is { } holder)
            {
                var skipped = new PollRecord(tracker.InstanceId, started, TimeSpan.Zero, 0, 0, null, HeldBy: holder);
                tracker.Completed(rule.Id, skipped);
                return skipped;
            }

            // A rule whose table or required column SYSPRO lacks is not polled; optional columns it lacks are not read.
            var (runnable, notPolled) = await schemas.BeforePollAsync(rule, ct);
            rule = runnable ?? throw new SysproException(notPolled!);
            var source = sources.For(rule);
            var read = await reads.ReadAsync(rule, started, ct);
            rowsRead = read.RowsRead;
            var result = read.Result;
            guard.WarnSkipped(rule, result);
            if (guard.Confirm(rule, result) is { } unconfirmed)
            {
                throw new BadAnswerException(unconfirmed);
            }

            // A split rule's events are one per group of the header's lines (one per supplier a payment run paid).
            var events = await EventSplitter.SplitAsync(rule, result.Events, source, logger, ct);
            var (alerts, unrouted) = await PrepareAlertsAsync(rule, events, new Enricher(source, lookups), runId, started, ct);

            await using var connection = await dialect.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await leases.ConfirmAsync(connection, transaction, rule, ct);
            await RuleStateStore.ApplyAsync(connection, transaction, rule, result, started, ct);
            var hold = await HoldPolicy.DecideAsync(connection, transaction, rule, alerts.Count(a => a.Alert.RenderError is null), ct);
            var enqueued = 0;
            if (rule.Acknowledge is not null)
            {
                enqueued = await acknowledged.EnqueueAsync(connection, transaction, rule, alerts, hold, started, ct);
            }
            else
            {
                foreach (var (alert, fields) in alerts)
                {
                    enqueued += await enqueuer.EnqueueAsync(connection, transaction, alert, fields, started, ct, hold) is null ? 0 : 1;
                }
            }

            var unroutedRecorded = 0;
            foreach (var (nobody, occurrence) in unrouted)
            {
                unroutedRecorded += await UnroutedEvents.RecordAsync(connection, transaction, nobody, occurrence, ct) ? 1 : 0;
            }

            var poll = new PollRecord(tracker.InstanceId, started, time.GetElapsedTime(timestamp), rowsRead, enqueued, null, RunId: runId);
            await RuleStateStore.RecordPollAsync(connection, transaction, rule, poll, ct);
            await transaction.CommitAsync(ct);
            metrics.Polled(rule, poll);
            metrics.Unrouted(rule, unroutedRecorded);
            // A poll that found nothing is the normal case (one a minute per rule is 1,440 lines a day): Debug.
            var level = events.Count > 0 || result.WasBaseline ? LogLevel.Information : LogLevel.Debug;
            logger.PollCompleted(level, rule.Id, rowsRead, events.Count, enqueued, result.WasBaseline);
            if (hold is not null && enqueued > 0)
            {
                logger.PollHeld(rule.Id, enqueued, hold.Text);
            }
            else if (enqueued > 0)
            {
                newAlerts.Raise(); // sent within moments of the commit, not at the dispatcher's next look
            }

            tracker.Completed(rule.Id, poll);
            return poll;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var poll = new PollRecord(tracker.InstanceId, started, time.GetElapsedTime(timestamp), rowsRead, 0, Describe(rule, e), RunId: runId);
            logger.PollFailed(rule.Id, poll.Error!);
            await TryRecordFailureAsync(rule, poll, ct);
            metrics.Polled(rule, poll);
            tracker.Completed(rule.Id, poll);
            return poll;
        }
    }

    /// <summary>The <c>preview</c> verb: what the rule would text now (nothing stored, nothing sent): the number of
    /// events, and the texts of the first <paramref name="limit"/> of them (each text needs SYSPRO lookups, so only
    /// those are rendered), and which of those would text nobody, with why.</summary>
    public async Task<RulePreview> PreviewAsync(RuleDefinition rule, TimeSpan lookBack, int limit,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var windowed = rule with { Backfill = lookBack };
        // A date-watermarked rule previews what was dated within the look-back; a status rule has no date to look back
        // by, so it previews the records that are in a target status now, as if each had just moved there.
        var state = rule.WatermarkColumn is null ? RuleState.Empty with { Baselined = true } : RuleState.Empty;
        var source = sources.For(rule);
        var detection = new ChangeDetection(windowed, state, now);
        await foreach (var row in source.ReadAsync(QueryFor(windowed, state, now), ct))
        {
            detection.Add(row);
        }

        var result = detection.Finish();
        // A split rule's first events are split (a read of lines each), the rest only counted.
        var first = await EventSplitter.SplitAsync(rule, result.Events.Take(limit).ToList(), source, logger, ct);
        var (texts, unrouted) = await PrepareAlertsAsync(rule, first.Take(limit).ToList(), new Enricher(source, lookups), "preview", now, ct);
        return new RulePreview(result.Events.Count, texts.Select(a => a.Alert).ToList(), unrouted.Select(u => u.Event).ToList());
    }

    /// <summary>What the rule reads this time: its working set, narrowed by the watermark, or (by a rowversion
    /// <paramref name="plan"/>) ordered by the rowversion and narrowed to the rows changed since the rule's.</summary>
    public static SourceQuery QueryFor(RuleDefinition rule, RuleState state, DateTimeOffset now, ReadPlan? plan = null)
    {
        var conditions = new List<FilterCondition>(rule.Filter);
        if (plan?.RowVersionColumn is { } rowVersion)
        {
            if (plan.ChangesOnly)
            {
                conditions.Add(new FilterCondition(rowVersion, FilterOperator.Gt, [state.RowVersion!]));
            }

            var columns = rule.SelectedColumns.Append(rowVersion).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return new SourceQuery(rule.Table, columns, conditions, [rowVersion]);
        }

        if (rule.Watermark == WatermarkKind.RowVersion && state.Watermark is { } version)
        {
            conditions.Add(new FilterCondition(rule.WatermarkColumn!, FilterOperator.Gt, [version]));
        }
        else if (rule.Watermark == WatermarkKind.Date)
        {
            var from = ChangeDetector.DateLowerBound(rule, state.Watermark)
                ?? DateOnly.FromDateTime((now - (rule.Backfill ?? rule.WatermarkOverlap)).UtcDateTime);
            conditions.Add(new FilterCondition(rule.WatermarkColumn!, FilterOperator.Ge,
                [from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]));
        }

        return new SourceQuery(rule.Table, rule.SelectedColumns, conditions, rule.KeyColumns);
    }

    private async Task<(List<(NewAlert Alert, Dictionary<string, string?> Fields)> Alerts, List<(UnroutedEvent Event, string Occurrence)> Unrouted)>
        PrepareAlertsAsync(RuleDefinition rule, IReadOnlyList<DetectedEvent> events, Enricher enricher, string runId, DateTimeOffset now,
            CancellationToken ct)
    {
        var alerts = new List<(NewAlert, Dictionary<string, string?>)>();
        var unrouted = new List<(UnroutedEvent, string)>();
        var needed = FieldsNeeded(rule);
        foreach (var detected in events)
        {
            var (fields, notes) = await enricher.FieldsAsync(rule, needed, detected, ct);
            var named = directory.Resolve(rule.Recipients, fields);
            var recipients = named.Where(r => !directory.Skips(r.Id, rule.Id)).ToList();
            if (recipients.Count == 0)
            {
                var why = named.Count == 0
                    ? directory.WhyNobody(rule.Recipients, fields)
                    : $"everyone it names skips this rule ({string.Join(", ", named.Select(r => $"Directory:People:{r.Id}:SkipRules"))}).";
                logger.NobodyToText(rule.Id, detected.RecordKey, why);
                unrouted.Add((new UnroutedEvent(0, rule.Company, rule.Id, rule.Table, detected.RecordKey, detected.TransitionText, why, now),
                    runId));
            }

            foreach (var recipient in recipients)
            {
                var personal = new Dictionary<string, string?>(fields, StringComparer.OrdinalIgnoreCase)
                {
                    ["RecipientName"] = recipient.Name,
                };
                alerts.Add((await RenderAsync(rule, detected, recipient, personal, runId, notes), fields));
            }
        }

        return (alerts, unrouted);
    }

    /// <summary>The fields a rule's texts can show or route by: what its template reads, its RouteBy columns and its
    /// thresholds' fields. Lookups run only for these.</summary>
    private HashSet<string> FieldsNeeded(RuleDefinition rule) =>
        templates.FieldsUsedBy(rule.Template)
            .Concat(rule.Recipients.RouteBy ?? [])
            .Concat((rule.Recipients.Thresholds ?? []).Select(t => t.Field))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private async Task<NewAlert> RenderAsync(RuleDefinition rule, DetectedEvent detected, Recipient recipient, Dictionary<string, string?> fields,
        string runId, IReadOnlyList<string> notes)
    {
        NewAlert Alert(string body, int segments, string encoding, string? error, bool truncated) => new(
            rule.Company, rule.Id, rule.Table, detected.RecordKey, detected.TransitionText, runId,
            recipient.Id, recipient.Phone, body, segments, encoding, error, truncated, notes, Urgent: rule.Urgent);

        try
        {
            // A rule that asks for acknowledgement keeps room for " Reply OK XXXX to confirm.", added when enqueued.
            var text = await templates.RenderAsync(rule.Template, fields, rule.Acknowledge is null ? 0 : AckReference.SuffixLength);
            return Alert(text.Body, text.Segments, text.Encoding.ToString(), null, text.Truncated);
        }
        catch (TemplateRenderException e)
        {
            logger.RenderFailed(rule.Id, detected.RecordKey, e.Message);
            return Alert("", 0, "", $"Rules:{rule.Id}:Template: {e.Message}", false);
        }
    }

    private async Task TryRecordFailureAsync(RuleDefinition rule, PollRecord poll, CancellationToken ct)
    {
        try
        {
            await store.RecordPollAsync(rule, poll, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.PollRecordFailed(rule.Id, e.Message);
        }
    }

    private static string Describe(RuleDefinition rule, Exception e) => e switch
    {
        SysproAnswerException a => $"{rule.Id}: {a.Message}",
        BadAnswerException b => b.Message,
        LeaseLostException l => l.Message,
        _ => SysproFailureText.Describe(e),
    };
}
