using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Detection;

namespace MlConnector.Dashboard.Pages;

public sealed class RulesModel(RuleQueries queries, RuleControl control, RuleHolds holds, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    public IReadOnlyList<RuleStatus> Rules { get; private set; } = [];

    public Dictionary<string, IReadOnlyList<PollRun>> Runs { get; } = new(StringComparer.Ordinal);

    /// <summary>The rule's state against SYSPRO's schema, in words.</summary>
    public static string Describe(RuleSchemaStatus? schema) => schema switch
    {
        { State: RuleSchemaState.Error } => $"error: {schema.Error} Not polled; checked again every cadence.",
        { State: RuleSchemaState.Ok, Dropped.Count: > 0 } => $"ok; optional column(s) dropped: {string.Join(", ", schema.Dropped)} (texts show them empty)",
        { State: RuleSchemaState.Ok } => "ok: every column the rule reads is there",
        _ => "not checked yet (checked before the rule's first poll)",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rules = await queries.StatusAsync(ct);
        foreach (var rule in Rules)
        {
            Runs[rule.Id] = await queries.RecentRunsAsync(rule.Id, 10, ct);
        }
    }

    public Task<IActionResult> OnPostPauseAsync(string id, string? reason, CancellationToken ct) => SetAsync(id, true, reason, ct);

    public Task<IActionResult> OnPostResumeAsync(string id, string? reason, CancellationToken ct) => SetAsync(id, false, reason, ct);

    public Task<IActionResult> OnPostReleaseAsync(string id, string? reason, CancellationToken ct) => EndHoldAsync(id, true, reason, ct);

    public Task<IActionResult> OnPostDiscardAsync(string id, string? reason, CancellationToken ct) => EndHoldAsync(id, false, reason, ct);

    private async Task<IActionResult> EndHoldAsync(string id, bool release, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            Message = "A reason is required; it is kept in the audit trail of every alert.";
            return RedirectToPage();
        }

        var (outcome, alerts) = release
            ? await holds.ReleaseAsync(id, ActorName, reason, ct)
            : await holds.DiscardAsync(id, ActorName, reason, ct);
        Message = outcome switch
        {
            HoldOutcome.Done => $"Rule {id}: {alerts} held alert(s) {(release ? "released: they are queued and sent once each" : "discarded: none is sent")}.",
            HoldOutcome.NothingHeld => $"Rule {id} has no held alerts.",
            _ => $"No rule {id}.",
        };
        return RedirectToPage();
    }

    private async Task<IActionResult> SetAsync(string id, bool paused, string? reason, CancellationToken ct)
    {
        Message = await control.SetPausedAsync(id, paused, ActorName, reason, ct)
            ? $"Rule {id} {(paused ? "paused" : "resumed")}."
            : $"No rule {id}.";
        return RedirectToPage();
    }
}
