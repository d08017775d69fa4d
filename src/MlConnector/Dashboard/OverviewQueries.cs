using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlConnector.Alerts;
using MlConnector.Detection;
using MlConnector.Site;
using MlConnector.Sms;

namespace MlConnector.Dashboard;

public sealed record Overview(
    IReadOnlyList<StateCount> Today, IReadOnlyList<StateCount> ThisWeek, IReadOnlyList<RuleStatus> Rules,
    IReadOnlyList<Connectivity> Connections, DateTimeOffset At, IReadOnlyList<UnroutedEvent> Unrouted)
{
    /// <summary>The site's day the "today" counts start at, and the day a week ago (Site:TimeZone).</summary>
    public DateOnly TodayStarts { get; init; }

    public DateOnly WeekStarts { get; init; }

    public IReadOnlyList<ActivitySlot> LastDay { get; init; } = [];

    public IReadOnlyList<ActivitySlot> LastWeek { get; init; } = [];

    public IReadOnlyList<RuleActivity> ByRule { get; init; } = [];

    public NeedsAttention Needs { get; init; } = new(0, 0, 0, 0, 0);

    /// <summary>Detection to Twilio over the last 24 hours, or null when nothing was sent.</summary>
    public SendLatency? Latency { get; init; }

    /// <summary>This month's SMS spend as Twilio reports it (read at most every few minutes), or why it cannot be shown.</summary>
    public SmsSpendReading? Spend { get; init; }
}

public sealed record Connectivity(string System, string Status, string Description);

/// <summary>The dashboard's first page: what needs an operator, alerts per hour and per day as charts, alerts by state
/// today and this week (the site's days), segments sent per rule and per day, this month's SMS spend from Twilio, each
/// rule's last poll, connectivity, and the latest events that texted nobody.</summary>
public sealed class OverviewQueries(AlertQueries alerts, AlertActivity activity, RuleQueries rules, UnroutedEvents unrouted,
    HealthCheckService health, TwilioUsage usage, SiteTime times, TimeProvider time)
{
    public const int UnroutedShown = 20;

    public async Task<Overview> GetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var todayStarts = times.DayOf(now);
        var weekStarts = todayStarts.AddDays(-6);
        var report = await health.CheckHealthAsync(r => r.Tags.Contains("ready"), ct);
        var hourStarts = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        var ruleStatus = await rules.StatusAsync(ct);
        var latestUnrouted = await unrouted.ListAsync(null, null, UnroutedShown, ct);
        var (failed, undelivered, optedOutWaiting) = await activity.AttentionAsync(times.StartOf(weekStarts), ct);
        return new Overview(
            await alerts.CountByStateAsync(times.StartOf(todayStarts), ct),
            await alerts.CountByStateAsync(times.StartOf(weekStarts), ct),
            ruleStatus,
            report.Entries.Select(e => new Connectivity(e.Key, e.Value.Status.ToString(), e.Value.Description ?? "")).ToList(),
            now,
            latestUnrouted)
        {
            TodayStarts = todayStarts,
            WeekStarts = weekStarts,
            LastDay = await activity.SlotsAsync(hourStarts.AddHours(-23), TimeSpan.FromHours(1), 24, ct),
            LastWeek = await activity.SlotsAsync(times.StartOf(weekStarts), TimeSpan.FromDays(1), 7, ct),
            ByRule = await activity.ByRuleAsync(now.AddHours(-24), ct),
            Latency = await activity.LatencyAsync(now.AddHours(-24), ct),
            Needs = new NeedsAttention(failed, undelivered, ruleStatus.Count(r => r.LastError is not null),
                latestUnrouted.Count(u => u.DetectedAt >= now.AddHours(-24)), optedOutWaiting),
            Spend = await usage.ThisMonthAsync(ct),
        };
    }
}
