using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace MlConnector.Syspro;

/// <summary>
/// Reads SYSPRO over OData v4 with HTTP Basic: <c>$select</c>/<c>$filter</c>/<c>$orderby</c>/<c>$top</c>, following
/// <c>@odata.nextLink</c>, and falling back to <c>$skip</c> paging when the server caps a page without a link
/// (detected through <c>@odata.count</c>). Each page is parsed on its own, so memory follows the page size, not the table.
/// </summary>
public sealed class ODataSource : ISysproSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly ODataSourceOptions _options;
    private readonly SemaphoreSlim _metadataLock = new(1, 1);
    private ODataMetadata? _metadata;

    public ODataSource(HttpClient http, ODataSourceOptions options)
    {
        _http = http;
        _options = options;
        if (options.Username is not null)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
    }

    /// <summary>OData has no PORQRY: a text about a purchase order is enriched table by table.</summary>
    public IPurchaseOrderSummaries? PurchaseOrderSummaries => null;

    public void Dispose() => _metadataLock.Dispose();

    private Uri Root => _options.BaseUrl is { } url
        ? (url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/"))
        : throw new SysproException("Syspro:OData:BaseUrl is not set.", isCredentialError: true);

    public async IAsyncEnumerable<SourceRow> ReadAsync(SourceQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var metadata = await MetadataAsync(cancellationToken);
        if (!metadata.HasSet(query.Table))
        {
            throw new SysproException($"The OData service has no entity set '{query.Table}'.");
        }

        var filter = ODataQueryText.Filter(query.Conditions, c => metadata.TypeOf(query.Table, c));
        Uri PageUri(int skip, bool count) => new(Root, query.Table + ODataQueryText.QueryString(
            ("$select", string.Join(',', query.Columns)),
            ("$filter", filter),
            ("$orderby", string.Join(',', query.OrderBy)),
            ("$top", _options.PageSize.ToString(CultureInfo.InvariantCulture)),
            ("$skip", skip > 0 ? skip.ToString(CultureInfo.InvariantCulture) : null),
            ("$count", count ? "true" : null)));

        var received = 0;
        long? total = null;
        Uri? next = PageUri(0, count: true);
        while (next is not null)
        {
            using var response = await _http.GetAsync(next, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await EnsureSuccessAsync(response, query.Table, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var page = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var root = page.RootElement;
            if (total is null && root.TryGetProperty("@odata.count", out var count) && count.ValueKind == JsonValueKind.Number)
            {
                total = count.GetInt64();
            }

            var rows = 0;
            foreach (var item in root.GetProperty("value").EnumerateArray())
            {
                rows++;
                received++;
                yield return ToRow(item, column => metadata.TypeOf(query.Table, column));
            }

            next = root.TryGetProperty("@odata.nextLink", out var link) && link.GetString() is { } href
                ? new Uri(Root, href)
                : rows > 0 && (total is { } t ? received < t : rows >= _options.PageSize) ? PageUri(received, count: false) : null;
        }
    }

    /// <summary>The service's <c>$metadata</c>, read once per source (the schema check asks a fresh source).</summary>
    internal async Task<ODataMetadata> MetadataAsync(CancellationToken ct)
    {
        if (_metadata is { } known)
        {
            return known;
        }

        await _metadataLock.WaitAsync(ct);
        try
        {
            using var response = await _http.GetAsync(new Uri(Root, "$metadata"), ct);
            await EnsureSuccessAsync(response, "$metadata", ct);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            return _metadata = ODataMetadata.Parse(await XDocument.LoadAsync(stream, LoadOptions.None, ct));
        }
        finally
        {
            _metadataLock.Release();
        }
    }

    private static SourceRow ToRow(JsonElement item, Func<string, string?> typeOf)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name.StartsWith('@'))
            {
                continue;
            }

            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String when typeOf(property.Name) == "Edm.DateTimeOffset" => DateText(property.Value.GetString()!),
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => SysproValues.Number(property.Value.GetRawText()),
                _ => property.Value.GetRawText(),
            };
        }

        return new SourceRow(values);
    }

    // SYSPRO dates are date-only; the feed shows them at midnight UTC.
    private static string DateText(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("O", CultureInfo.InvariantCulture))
            : value;

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        var excerpt = body.Length > 300 ? body[..300] : body;
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new SysproException(
                $"SYSPRO OData refused the credentials (HTTP {(int)response.StatusCode}); check Syspro:OData:Username and Password.",
                isCredentialError: true),
            HttpStatusCode.NotFound => new SysproException($"SYSPRO OData has no '{what}' (HTTP 404)."),
            HttpStatusCode.BadRequest => new SysproException($"SYSPRO OData rejected the query for {what} (HTTP 400): {excerpt}"),
            _ => new HttpRequestException($"SYSPRO OData answered HTTP {(int)response.StatusCode} for {what}.", null, response.StatusCode),
        };
    }
}
