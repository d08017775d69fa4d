using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace MlConnector.Simulators.Twilio.Usage;

/// <summary>
/// A UsageRecord of API 2010-04-01 (schemas <c>api.v2010.account.usage.usage_record</c> and its ThisMonth, Today...
/// twins, which have the same fields). <c>price</c> is a JSON number as the schema says (the document's examples show
/// strings; the SDK reads both).
/// </summary>
internal sealed record UsageRecordWire(
    string AccountSid,
    string ApiVersion,
    string AsOf,
    string Category,
    string? Count,
    string CountUnit,
    string Description,
    string EndDate,
    decimal Price,
    string PriceUnit,
    string StartDate,
    IReadOnlyDictionary<string, string> SubresourceUris,
    string Uri,
    string Usage,
    string UsageUnit);

internal static class UsageJson
{
    private static readonly (string Key, string Path)[] Subresources =
    [
        ("all_time", "AllTime"), ("daily", "Daily"), ("last_month", "LastMonth"), ("monthly", "Monthly"),
        ("this_month", "ThisMonth"), ("today", "Today"), ("yearly", "Yearly"), ("yesterday", "Yesterday"),
    ];

    public static UsageRecordWire Record(string accountSid, string listPath, UsageRecord r, DateTimeOffset asOf, string priceUnit)
    {
        var records = $"/{TwilioJson.ApiVersion}/Accounts/{accountSid}/Usage/Records";
        return new UsageRecordWire(accountSid, TwilioJson.ApiVersion,
            asOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture), r.Category,
            r.Count?.ToString(CultureInfo.InvariantCulture), r.CountUnit, r.Description, Day(r.EndDate), Math.Round(r.Price, 5),
            priceUnit, Day(r.StartDate),
            Subresources.ToDictionary(s => s.Key, s => $"{records}/{s.Path}.json?Category={r.Category}", StringComparer.Ordinal),
            QueryHelpers.AddQueryString(listPath, new Dictionary<string, string?>
            {
                ["Category"] = r.Category,
                ["StartDate"] = Day(r.StartDate),
                ["EndDate"] = Day(r.EndDate),
            }),
            Math.Round(r.Usage, 5).ToString(CultureInfo.InvariantCulture), r.UsageUnit);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
