using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Alerts;
using MlConnector.Outbox;
using MlConnector.Rules;
using MlConnector.Site;

namespace MlConnector.Dashboard.Pages.Alerts;

public sealed class AlertsModel(AlertQueries queries, ReplayService replay, RuleSet rules, TimeProvider time, SiteTime times,
    IAuthorizationService authorization) : DashboardPage(authorization)
{
    public static IReadOnlyList<string> States => AlertStates.All;

    [BindProperty(SupportsGet = true)] public string? Record { get; set; }
    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true)] public string? Phone { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }
    [BindProperty(SupportsGet = true)] public string? Company { get; set; }
    [BindProperty(SupportsGet = true, Name = "ack")] public string? Acknowledgement { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AlertPage Result { get; private set; } = new([], 1, 50, 0);
    /// <summary>What a rule watches for, in words (shown on hover), or nothing for a rule no longer configured.</summary>
    public string? DescriptionOf(string rule) => rules.Find(rule)?.Description;

    public IEnumerable<string> RuleIds => rules.Rules.Select(r => r.Id).Append(Sms.TestSms.RuleId);
    public DateOnly Since { get; private set; }
    public long? BulkCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Since = times.DayOf(time.GetUtcNow()).AddDays(-1);
        Result = await queries.ListAsync(new AlertFilter(State, Rule, Company, Start(From), Start(To?.AddDays(1)), Phone, PageNumber,
            Acknowledgement: Acknowledgement, Record: Record, Person: Person, Text: Text), ct);
    }

    public async Task<IActionResult> OnPostConfirmBulkAsync(DateOnly since, CancellationToken ct)
    {
        await OnGetAsync(ct);
        Since = since;
        BulkCount = await replay.CountFailedSinceAsync(Start(since)!.Value, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostBulkAsync(DateOnly since, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            Message = "A reason is required.";
            return RedirectToPage();
        }

        var count = await replay.ReplayFailedSinceAsync(Start(since)!.Value, ActorName, reason.Trim(), ct);
        Message = $"Replayed {count} failed alert(s).";
        return RedirectToPage();
    }

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["record"] = Record, ["person"] = Person, ["text"] = Text, ["phone"] = Phone, ["state"] = State, ["rule"] = Rule, ["company"] = Company,
        ["ack"] = Acknowledgement,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).ToUriComponent().Insert(0, "/alerts");

    // The days an operator names are the site's days (Site:TimeZone), as the times on the page are.
    private DateTimeOffset? Start(DateOnly? day) => day is { } d ? times.StartOf(d) : null;
}
