using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Detection;

namespace MlConnector.Dashboard.Pages;

public sealed class RulesModel(RuleQueries queries, RuleControl control, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    public IReadOnlyList<RuleStatus> Rules { get; private set; } = [];

    public Dictionary<string, IReadOnlyList<PollRun>> Runs { get; } = new(StringComparer.Ordinal);

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

    private async Task<IActionResult> SetAsync(string id, bool paused, string? reason, CancellationToken ct)
    {
        Message = await control.SetPausedAsync(id, paused, ActorName, reason, ct)
            ? $"Rule {id} {(paused ? "paused" : "resumed")}."
            : $"No rule {id}.";
        return RedirectToPage();
    }
}
