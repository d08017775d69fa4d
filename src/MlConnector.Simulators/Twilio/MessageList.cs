using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// GET Messages.json: filters To, From, DateSent (a GMT day), <c>DateSent&lt;</c> and <c>DateSent&gt;</c> (written
/// <c>DateSent&lt;=</c> / <c>DateSent&gt;=</c> in Twilio's docs; both bounds inclusive, a bare day meaning all of it),
/// newest first, paged with Twilio's envelope. A message not yet sent is filtered on its creation time, so an
/// "in doubt" create can be reconciled before its sent callback. PageToken "PA" + SID resumes after that message.
/// </summary>
internal static class MessageList
{
    public static IResult Read(HttpRequest request, string accountSid, TwilioSimulatorState state)
    {
        var q = request.Query;
        var pageSize = Math.Clamp(Int(q["PageSize"], 50), 1, 1000);
        var page = Math.Max(Int(q["Page"], 0), 0);
        var day = Date(q["DateSent"]);
        var before = Date(q["DateSent<"]);
        var after = Date(q["DateSent>"]);
        var filtered = state.Messages.Reverse()
            .Where(m => Matches(q["To"], m.To) && Matches(q["From"], m.From))
            .Where(m => Within(m.DateSent ?? m.ReceivedAt, day, before, after))
            .ToList();

        var start = page * pageSize;
        if (q["PageToken"].ToString() is { Length: > 2 } token && token.StartsWith("PA", StringComparison.Ordinal))
        {
            var index = filtered.FindIndex(m => m.Sid == token[2..]);
            start = index < 0 ? filtered.Count : index + 1;
        }

        var items = filtered.Skip(start).Take(pageSize).ToList();
        var path = $"/2010-04-01/Accounts/{accountSid}/Messages.json";
        var filters = q.Where(p => p.Key is not ("Page" or "PageSize" or "PageToken"))
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);
        string PageUri(int n, string? pageToken)
        {
            var values = new Dictionary<string, string?>(filters, StringComparer.Ordinal)
            {
                ["PageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
                ["Page"] = n.ToString(CultureInfo.InvariantCulture),
            };
            if (pageToken is not null)
            {
                values["PageToken"] = pageToken;
            }

            return QueryHelpers.AddQueryString(path, values);
        }

        var hasNext = start + items.Count < filtered.Count;
        return Results.Json(new MessagePage(
            [.. items.Select(m => TwilioJson.Message(accountSid, m))],
            page, pageSize, start, Math.Max(start + items.Count - 1, start), PageUri(page, q["PageToken"].ToString() is { Length: > 0 } t ? t : null),
            PageUri(0, null),
            hasNext ? PageUri(page + 1, "PA" + items[^1].Sid) : null,
            page > 0 ? PageUri(page - 1, null) : null), TwilioJson.Options);
    }

    private static bool Matches(string? filter, string? value) => string.IsNullOrEmpty(filter) || filter == value;

    private static bool Within(DateTimeOffset sent, (DateTimeOffset At, bool DayOnly)? day,
        (DateTimeOffset At, bool DayOnly)? before, (DateTimeOffset At, bool DayOnly)? after)
    {
        if (day is { } d && (sent < d.At || sent >= d.At.AddDays(1)))
        {
            return false;
        }

        if (before is { } b && sent > (b.DayOnly ? b.At.AddDays(1).AddTicks(-1) : b.At))
        {
            return false;
        }

        return after is not { } a || sent >= a.At;
    }

    private static (DateTimeOffset At, bool DayOnly)? Date(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        value = value.TrimStart('='); // tolerate "DateSent<==" style keys split oddly by clients
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? (at, false) : null;
    }

    private static int Int(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
}

internal sealed record MessagePage(IReadOnlyList<MessageWire> Messages, int Page, int PageSize, int Start, int End,
    string Uri, string FirstPageUri, string? NextPageUri, string? PreviousPageUri);
