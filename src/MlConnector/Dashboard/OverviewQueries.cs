using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Alerts;
using MlConnector.Detection;

namespace MlConnector.Dashboard;

public sealed record Overview(
    IReadOnlyList<StateCount> Today, IReadOnlyList<StateCount> ThisWeek, IReadOnlyList<RuleStatus> Rules,
    IReadOnlyList<Connectivity> Connections, DateTimeOffset At, IReadOnlyList<UnroutedEvent> Unrouted);

public sealed record Connectivity(string System, string Status, string Description);

/// <summary>The dashboard's first page: alerts by state today and this week, each rule's last poll, connectivity, and
/// the latest events that texted nobody.</summary>
public sealed class OverviewQueries(AlertQueries alerts, RuleQueries rules, UnroutedEvents unrouted, HealthCheckService health,
    TimeProvider time)
{
    public const int UnroutedShown = 20;

    public async Task<Overview> GetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var report = await health.CheckHealthAsync(r => r.Tags.Contains("ready"), ct);
        return new Overview(
            await alerts.CountByStateAsync(today, ct),
            await alerts.CountByStateAsync(today.AddDays(-6), ct),
            await rules.StatusAsync(ct),
            report.Entries.Select(e => new Connectivity(e.Key, e.Value.Status.ToString(), e.Value.Description ?? "")).ToList(),
            now,
            await unrouted.ListAsync(null, null, UnroutedShown, ct));
    }
}
