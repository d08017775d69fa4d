using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Site;

namespace MlConnector.Dashboard.Pages;

/// <summary>The directory as the connector reads it: each person's groups, clock, quiet hours (and whether they are in
/// them now), the rules they skip, and the rules that text them.</summary>
public sealed class PeopleModel(IOptions<DirectoryOptions> directory, IOptions<SiteOptions> site, QuietHours quietHours,
    RecipientDirectory recipients, RuleSet rules, TimeProvider time, IAuthorizationService authorization) : DashboardPage(authorization)
{
    public sealed record PersonRow(string Id, string Name, string Phone, string Groups, string TimeZone, string QuietHours,
        DateTimeOffset? QuietUntil, string Skips, string Rules);

    public IReadOnlyList<PersonRow> People { get; private set; } = [];

    public void OnGet()
    {
        var now = time.GetUtcNow();
        People = directory.Value.People.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p =>
        {
            var person = recipients.Person(p.Key);
            var texted = rules.Rules.Where(r => recipients.Resolve(r.Recipients, new Dictionary<string, string?>()).Any(x => x.Id == p.Key)
                    && !recipients.Skips(p.Key, r.Id))
                .Select(r => r.Id);
            var quiet = string.Join(", ", new[] { p.Value.QuietHours, p.Value.QuietWeekends ? "weekends" : null }.OfType<string>());
            return new PersonRow(p.Key, person?.Name ?? p.Value.Name ?? p.Key, PhoneFormat.Mask(person?.Phone ?? p.Value.Phone ?? ""),
                string.Join(", ", p.Value.Groups), p.Value.TimeZone ?? $"{site.Value.TimeZone} (the site's)",
                quiet.Length == 0 ? "none" : quiet, quietHours.QuietUntil(p.Key, now),
                p.Value.SkipRules.Count == 0 ? "none" : string.Join(", ", p.Value.SkipRules), string.Join(", ", texted));
        }).ToList();
    }
}
