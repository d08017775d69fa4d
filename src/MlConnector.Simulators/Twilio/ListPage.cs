using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Twilio's 2010-04-01 list envelope: <c>{key: [...], page, page_size, start, end, uri, first_page_uri,
/// next_page_uri, previous_page_uri}</c>. PageSize defaults to 50 (at most 1000); <c>Page</c> is client state;
/// <c>PageToken</c> "PA" + SID resumes after that item, as the next_page_uri says. Filters in the query are kept in
/// every page URI.
/// </summary>
internal static class ListPage
{
    public static IResult Json<T>(HttpRequest request, string path, string key, IReadOnlyList<T> filtered,
        Func<T, string> sid, Func<T, object> wire)
    {
        var q = request.Query;
        var pageSize = Math.Clamp(Int(q["PageSize"], 50), 1, 1000);
        var page = Math.Max(Int(q["Page"], 0), 0);
        var start = page * pageSize;
        if (q["PageToken"].ToString() is { Length: > 2 } token && token.StartsWith("PA", StringComparison.Ordinal))
        {
            var index = IndexOf(filtered, sid, token[2..]);
            start = index < 0 ? filtered.Count : index + 1;
        }

        var items = filtered.Skip(start).Take(pageSize).ToList();
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
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [key] = items.Select(wire).ToList(),
            ["page"] = page,
            ["page_size"] = pageSize,
            ["start"] = start,
            ["end"] = Math.Max(start + items.Count - 1, start),
            ["uri"] = PageUri(page, q["PageToken"].ToString() is { Length: > 0 } t ? t : null),
            ["first_page_uri"] = PageUri(0, null),
            ["next_page_uri"] = hasNext ? PageUri(page + 1, "PA" + sid(items[^1])) : null,
            ["previous_page_uri"] = page > 0 ? PageUri(page - 1, null) : null,
        };
        return Results.Json(body, TwilioJson.Options);
    }

    public static int Int(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, string> sid, string wanted)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (sid(items[i]) == wanted)
            {
                return i;
            }
        }

        return -1;
    }
}
