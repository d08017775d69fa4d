using System.Data.Common;
using Microsoft.Extensions.Options;
using MlConnector.Alerts;
using MlConnector.Common;
using MlConnector.Rules;

namespace MlConnector.Acknowledgement;

/// <summary>
/// Enqueues a poll's alerts for a rule that asks for acknowledgement: one event (with its reference) per business
/// event, however many people it texts, and " Reply OK XXXX to confirm." at the end of each text, after any truncation
/// (the template was rendered with room kept for it), so it always survives.
/// </summary>
public sealed class AcknowledgedAlerts(AlertEnqueuer enqueuer, IOptions<AcknowledgeDefaults> defaults)
{
    public TimeSpan WindowOf(RuleDefinition rule) => rule.Acknowledge?.Window ?? defaults.Value.Window;

    /// <summary>Enqueues in the poll's transaction; returns how many alerts were new.</summary>
    public async Task<int> EnqueueAsync(DbConnection connection, DbTransaction transaction, RuleDefinition rule,
        IReadOnlyList<(NewAlert Alert, Dictionary<string, string?> Fields)> alerts, HoldReason? hold, DateTimeOffset now,
        CancellationToken ct)
    {
        var enqueued = 0;
        foreach (var occurrence in alerts.GroupBy(a => (a.Alert.SourceKey, a.Alert.Transition, a.Alert.DetectionRun)))
        {
            var (eventId, reference) = await AckEvents.OpenAsync(connection, transaction, rule.Company, rule.Id, WindowOf(rule), now, ct);
            foreach (var (alert, fields) in occurrence)
            {
                var linked = alert with { Acknowledgement = new AckLink(eventId, AckRoles.Original, 0) };
                if (alert.RenderError is null)
                {
                    var body = alert.Body + AckReference.Suffix(reference);
                    var count = SmsSegments.Count(body);
                    linked = linked with { Body = body, Segments = count.Segments, Encoding = count.Encoding.ToString() };
                }

                enqueued += await enqueuer.EnqueueAsync(connection, transaction, linked, fields, now, ct, hold) is null ? 0 : 1;
            }
        }

        return enqueued;
    }
}
