using System.Collections.Concurrent;
using MlConnector.Alerts;
using MlConnector.Rules;

namespace MlConnector.Detection;

/// <summary>
/// What a poll believes of a read beyond its rows: a change too large to take from one read waits for the next poll's
/// read to agree (a proxy or a sick service answering wrongly for seconds must not move the rule's state), and a row
/// skipped for an unknown status is warned about once, not every poll.
/// </summary>
public sealed class AnswerGuard(ILogger<AnswerGuard> logger)
{
    /// <summary>Fewer changed records than this are never held back, whatever their share.</summary>
    public const int MinimumLargeChange = 10;

    private readonly ConcurrentDictionary<(string Company, string Rule), int> _unconfirmed = new();
    private readonly ConcurrentDictionary<(string Company, string Rule, string Record, string Status), byte> _warned = new();

    /// <summary>Null when the read may be believed; else why not (the poll fails with it and changes nothing).</summary>
    public string? Confirm(RuleDefinition rule, DetectionResult result)
    {
        var key = (rule.Company, rule.Id);
        var large = result.Changed >= MinimumLargeChange && result.Changed > rule.ConfirmChangeShare * result.Remembered;
        if (!large || _unconfirmed.TryRemove(key, out _))
        {
            if (!large)
            {
                _unconfirmed.TryRemove(key, out _);
            }

            return null; // small, or the previous poll's read showed a change this large too: confirmed
        }

        _unconfirmed[key] = result.Changed;
        return $"{rule.Id}: this read of {rule.Table} would change or remove {result.Changed} of the {result.Remembered} " +
            $"records the rule remembers (more than {rule.ConfirmChangeShare:P0}); it is believed only when the next poll's " +
            "read agrees, so nothing changed.";
    }

    /// <summary>One warning per rule, record and status value (per process).</summary>
    public void WarnSkipped(RuleDefinition rule, DetectionResult result)
    {
        foreach (var row in result.Skipped)
        {
            if (_warned.TryAdd((rule.Company, rule.Id, row.RecordKey, row.Status ?? ""), 0))
            {
                logger.UnknownStatus(rule.Id, RecordKeyText.Display(row.RecordKey), row.Status ?? "(none)", rule.StatusColumn ?? "");
            }
        }
    }
}
