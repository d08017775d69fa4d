using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlConnector.Simulators.Twilio.Usage;

/// <summary>
/// Usage Records of API 2010-04-01: Records.json (StartDate and EndDate as YYYY-MM-DD or offsets like -30days; all
/// time by default), and the fixed periods Today, Yesterday, ThisMonth (first of the month to today), LastMonth and
/// AllTime. Category filters (sms, sms-outbound, sms-inbound, calls, calls-outbound, totalprice); an unknown category
/// lists nothing. Computed by <see cref="UsageCalculator"/> in GMT days.
/// </summary>
internal static partial class UsageApi
{
    /// <summary>The simulated account was created then (as its Account resource says).</summary>
    private static readonly DateOnly AccountCreated = new(2024, 1, 1);

    public static void MapUsageApi(this IEndpointRouteBuilder routes)
    {
        foreach (var api in TwilioProducts.Groups(routes, TwilioProducts.Api, "/2010-04-01/Accounts/{accountSid}/Usage"))
        {
            api.AddEndpointFilter<TwilioAuthFilter>().AddEndpointFilter(new FaultFilter(TwilioFaultTarget.Usage));
            api.MapGet("/Records.json", (HttpRequest request, string accountSid, UsageCalculator usage, TwilioSimulatorState state) =>
            {
                var today = Today(state);
                var start = Day(request.Query["StartDate"], today) ?? First(today);
                var end = Day(request.Query["EndDate"], today) ?? today;
                return List(request, accountSid, "Records", start, end, usage, state);
            });
            api.MapGet("/Records/{period}.json", (HttpRequest request, string accountSid, string period, UsageCalculator usage,
                TwilioSimulatorState state) =>
            {
                var today = Today(state);
                var month = new DateOnly(today.Year, today.Month, 1);
                (DateOnly Start, DateOnly End)? range = period switch
                {
                    "Today" => (today, today),
                    "Yesterday" => (today.AddDays(-1), today.AddDays(-1)),
                    "ThisMonth" => (month, today),
                    "LastMonth" => (month.AddMonths(-1), month.AddDays(-1)),
                    "AllTime" => (First(today), today),
                    _ => null,
                };
                return range is { } r
                    ? List(request, accountSid, $"Records/{period}", r.Start, r.End, usage, state)
                    : TwilioJson.NotFound(request.Path);
            });
        }
    }

    private static IResult List(HttpRequest request, string accountSid, string resource, DateOnly start, DateOnly end,
        UsageCalculator usage, TwilioSimulatorState state)
    {
        var category = request.Query["Category"].ToString();
        var path = $"/{TwilioJson.ApiVersion}/Accounts/{accountSid}/Usage/{resource}.json";
        var records = usage.Records(start, end).Where(r => category.Length == 0 || r.Category == category).ToList();
        var now = state.Time.GetUtcNow();
        return ListPage.Json(request, path, "usage_records", records, r => r.Category,
            r => UsageJson.Record(accountSid, path, r, now, state.Options.Usage.PriceUnit));
    }

    private static DateOnly Today(TwilioSimulatorState state) => DateOnly.FromDateTime(state.Time.GetUtcNow().UtcDateTime);

    private static DateOnly First(DateOnly today) => AccountCreated <= today ? AccountCreated : today;

    /// <summary>YYYY-MM-DD, or an offset from today such as <c>-30days</c> or <c>+30days</c>.</summary>
    private static DateOnly? Day(string? value, DateOnly today)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Offset().Match(value) is { Success: true } offset)
        {
            return today.AddDays(int.Parse(offset.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    [GeneratedRegex("^([+-]?[0-9]+)days$")]
    private static partial Regex Offset();
}
