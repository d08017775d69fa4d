using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>Where a rule stands against SYSPRO's schema (in JSON: <c>unchecked</c>, <c>ok</c>, <c>error</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleSchemaState>))]
public enum RuleSchemaState
{
    /// <summary>Not checked yet (or SYSPRO did not answer the check): the rule polls, and its polls say what fails.</summary>
    [JsonStringEnumMemberName("unchecked")]
    Unchecked,

    /// <summary>Its table and required columns are there; <see cref="RuleSchemaStatus.Dropped"/> lists the optional
    /// columns it runs without.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>Its table or a required column is missing: it is not polled, and is checked again every cadence.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}

/// <summary>A rule's schema state: the error when in error, the optional columns dropped, when it was checked, and
/// why it was not when SYSPRO did not answer.</summary>
public sealed record RuleSchemaStatus(RuleSchemaState State, string? Error, IReadOnlyList<string> Dropped, DateTimeOffset? CheckedAt,
    string? NotChecked = null)
{
    public static RuleSchemaStatus Unchecked { get; } = new(RuleSchemaState.Unchecked, null, [], null);

    /// <summary>SYSPRO lacks the rowversion column the rule would read its changes by: it reads its whole working set.</summary>
    public bool RowVersionMissing { get; init; }
}

/// <summary>
/// Schema-aware rules (issue 12): each rule's table and columns checked against SYSPRO before its first poll (and
/// before every poll while it is in error), by <c>ping</c>, <c>config validate</c> and <c>preview</c>. A missing
/// required column puts that rule alone in error; a missing optional one is dropped with one warning.
/// </summary>
public sealed class RuleSchemas(SysproSchemaProbe probe, RowVersionReads rowVersions, TimeProvider time, ILogger<RuleSchemas> logger)
{
    private readonly ConcurrentDictionary<(string Company, string Rule), RuleSchemaStatus> _states = new();

    public RuleSchemaStatus StatusOf(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _states.GetValueOrDefault((rule.Company, rule.Id)) ?? RuleSchemaStatus.Unchecked;
    }

    /// <summary>One check, remembered nowhere (the CLI's). SYSPRO not answering gives <see cref="RuleSchemaState.Unchecked"/>
    /// with the reason.</summary>
    /// <param name="session">The e.net session to ask through; null: the company's own.</param>
    /// <param name="readOneRow">Over OData, also read one row (ping).</param>
    public async Task<RuleSchemaStatus> CheckAsync(RuleDefinition rule, EnetSession? session, bool readOneRow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        try
        {
            // The rowversion column is asked about too, but is neither required nor shown in texts: without it the rule
            // reads its whole working set.
            var columns = RuleColumns.Checked(rule);
            var rowVersion = rowVersions.ColumnFor(rule) is { } c && !columns.Contains(c, StringComparer.OrdinalIgnoreCase) ? c : null;
            var found = await probe.CheckAsync(rule.Company, rule.Transport, rule.Table, rowVersion is null ? columns : [.. columns, rowVersion],
                rule.KeyColumns, session, readOneRow, ct);
            bool IsRowVersion(string column) => column.Equals(rowVersion, StringComparison.OrdinalIgnoreCase);
            var verdict = RuleColumns.Judge(rule, found.TableMissing, [.. found.MissingColumns.Where(m => !IsRowVersion(m))]);
            var error = verdict.Error ?? await SplitErrorAsync(rule, session, readOneRow, ct);
            return new RuleSchemaStatus(error is null ? RuleSchemaState.Ok : RuleSchemaState.Error, error, verdict.Dropped,
                time.GetUtcNow())
            {
                RowVersionMissing = found.MissingColumns.Any(IsRowVersion),
            };
        }
        catch (Exception e) when (!ct.IsCancellationRequested && NotAnswered(e) is { } reason)
        {
            return RuleSchemaStatus.Unchecked with { NotChecked = reason };
        }
    }

    /// <summary>
    /// Before a poll: the rule as it runs now (without the optional columns SYSPRO lacks), or null with the reason
    /// when it must not be polled (in error). Checks SYSPRO while the rule is unchecked or in error; a rule leaves
    /// error by itself once the column is there.
    /// </summary>
    public async Task<(RuleDefinition? Rule, string? NotPolled)> BeforePollAsync(RuleDefinition rule, CancellationToken ct)
    {
        var known = StatusOf(rule);
        if (known.State == RuleSchemaState.Ok)
        {
            return (Runnable(rule, known), null);
        }

        var now = await CheckAsync(rule, null, readOneRow: false, ct);
        if (now.State == RuleSchemaState.Unchecked)
        {
            // No answer about the schema: a rule in error stays there; any other polls and says what fails.
            return known.State == RuleSchemaState.Error ? (null, NotPolledBecause(rule, known)) : (rule, null);
        }

        Remember(rule, known, now);
        return now.State == RuleSchemaState.Error ? (null, NotPolledBecause(rule, now)) : (Runnable(rule, now), null);
    }

    /// <summary>The rule without the optional columns SYSPRO lacks, and without its rowversion column when SYSPRO lacks that.</summary>
    private static RuleDefinition Runnable(RuleDefinition rule, RuleSchemaStatus status)
    {
        var runnable = RuleColumns.WithoutColumns(rule, status.Dropped);
        return status.RowVersionMissing ? runnable with { RowVersionColumn = null } : runnable;
    }

    /// <summary>A split's lines are read whole: its table and every column it reads are required.</summary>
    private async Task<string?> SplitErrorAsync(RuleDefinition rule, EnetSession? session, bool readOneRow, CancellationToken ct)
    {
        if (RuleSplits.Of(rule) is not { } split)
        {
            return null;
        }

        var found = await probe.CheckAsync(rule.Company, rule.Transport, split.Table, split.Columns, split.OrderBy, session, readOneRow, ct);
        var transport = rule.Transport == SysproTransport.Enet ? "e.net COMFND" : "OData";
        return found.TableMissing
            ? $"SYSPRO has no table {split.Table} ({transport}), which the rule's split {split.Name} reads."
            : found.MissingColumns.Count > 0
                ? $"table {split.Table} ({transport}) has no column {string.Join(", no column ", found.MissingColumns)} (read by the rule's split {split.Name})."
                : null;
    }

    private void Remember(RuleDefinition rule, RuleSchemaStatus before, RuleSchemaStatus now)
    {
        _states[(rule.Company, rule.Id)] = now;
        foreach (var column in now.Dropped.Except(before.Dropped, StringComparer.OrdinalIgnoreCase))
        {
            logger.OptionalColumnDropped(rule.Id, rule.Table, column);
        }

        if (now.RowVersionMissing && !before.RowVersionMissing)
        {
            logger.RowVersionMissing(rule.Id, rule.Table, rule.RowVersionColumn ?? "");
        }

        if (now.State == RuleSchemaState.Error && now.Error != before.Error)
        {
            logger.RuleSchemaError(rule.Id, now.Error!);
        }
        else if (now.State == RuleSchemaState.Ok && before.State == RuleSchemaState.Error)
        {
            logger.RuleSchemaRecovered(rule.Id, rule.Table);
        }
    }

    private static string NotPolledBecause(RuleDefinition rule, RuleSchemaStatus status) =>
        $"rule {rule.Id} is not polled: {status.Error} It is checked again every cadence and polls once the column is there.";

    private static string? NotAnswered(Exception e) => e switch
    {
        SysproException s => s.Message,
        HttpRequestException h => $"SYSPRO did not answer: {h.Message}",
        OperationCanceledException => "SYSPRO did not answer in time.",
        System.Text.Json.JsonException or System.Xml.XmlException => $"SYSPRO's answer could not be read: {e.Message}",
        _ => null,
    };
}
