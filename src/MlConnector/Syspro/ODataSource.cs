using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace MlConnector.Syspro;

/// <summary>
/// Reads SYSPRO over OData v4 with HTTP Basic: <c>$select</c>/<c>$filter</c>/<c>$orderby</c>/<c>$top</c>, following
/// <c>@odata.nextLink</c>. When the server caps a page without a link (seen through <c>@odata.count</c> on the first
/// page), it pages by key: ordered by the key columns, each page filtered beyond the last key read, so a row that
/// leaves the working set meanwhile cannot shift the pages (<c>$skip</c> is never used). Every value is checked
/// against <c>$metadata</c> before it is believed; a filter on a column <c>$metadata</c> does not type is written as
/// one row of the set shows it (<see cref="ODataLiteralTypes"/>). Each page is parsed on its own, so memory follows
/// the page size.
/// </summary>
public sealed class ODataSource : ISysproSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly ODataSourceOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _metadataLock = new(1, 1);
    private readonly ODataLiteralTypes _literalTypes = new();
    private ODataMetadata? _metadata;

    public ODataSource(HttpClient http, ODataSourceOptions options, ILogger? logger = null)
    {
        _http = http;
        _options = options;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
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

        string? TypeOf(string column) => metadata.TypeOf(query.Table, column);
        var literalType = await LiteralTypesAsync(metadata, query, cancellationToken);
        var filter = ODataQueryText.Filter(query.Conditions, literalType);
        Uri PageUri(IReadOnlyList<string>? afterKey, bool count)
        {
            var keyset = afterKey is null ? null : ODataQueryText.Keyset(query.OrderBy, afterKey, literalType);
            return new Uri(Root, query.Table + ODataQueryText.QueryString(
                ("$select", string.Join(',', query.Columns)),
                ("$filter", (filter.Length > 0, keyset) switch
                {
                    (_, null) => filter,
                    (false, _) => keyset,
                    (true, _) => $"({filter}) and ({keyset})",
                }),
                ("$orderby", string.Join(',', query.OrderBy)),
                ("$top", _options.PageSize.ToString(CultureInfo.InvariantCulture)),
                ("$count", count ? "true" : null)));
        }

        long? total = null;
        var received = 0;
        int? cap = null;
        Uri? next = PageUri(null, count: true);
        for (var page = 0; next is not null; page++)
        {
            using var response = await _http.GetAsync(next, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await ODataAnswers.EnsureSuccessAsync(response, query.Table, _logger, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await ParseAsync(stream, query.Table, cancellationToken);
            var root = document.RootElement;
            if (page == 0 && root.TryGetProperty("@odata.count", out var count) && count.ValueKind == JsonValueKind.Number)
            {
                total = count.GetInt64();
            }

            var rows = 0;
            SourceRow? last = null;
            foreach (var item in root.GetProperty("value").EnumerateArray())
            {
                last = ToRow(item, query, rows++, TypeOf);
                yield return last;
            }

            received += rows;
            if (root.TryGetProperty("@odata.nextLink", out var link) && link.GetString() is { } href)
            {
                next = new Uri(Root, href);
                continue;
            }

            // No link: a short page while the count says there is more means the server caps pages at that size.
            var isShort = rows < _options.PageSize;
            if (isShort && rows > 0 && total is { } t && received < t)
            {
                cap ??= rows;
            }

            var more = last is not null && query.OrderBy.Count > 0
                && (!isShort || (cap is { } c && rows >= c) || (total is { } all && received < all));
            next = more ? PageUri(query.OrderBy.Select(k => last!.Raw(k)!).ToList(), count: false) : null;
        }
    }

    /// <summary>How the query's literals are typed: by <c>$metadata</c>, and for the columns it leaves untyped by one
    /// row of the set, read once (<c>$top=1</c>). A row that cannot be read leaves them to SYSPRO's catalogue.</summary>
    private async Task<Func<string, string?>> LiteralTypesAsync(ODataMetadata metadata, SourceQuery query, CancellationToken ct)
    {
        var untyped = ODataLiteralTypes.Untyped(metadata, query);
        if (untyped.Count > 0 && !_literalTypes.Knows(query.Table))
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(Root, query.Table + ODataQueryText.QueryString(("$top", "1"))), ct);
                await ODataAnswers.EnsureSuccessAsync(response, query.Table, _logger, ct);
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                using var document = await ParseAsync(stream, query.Table, ct);
                var rows = document.RootElement.GetProperty("value");
                _literalTypes.Learn(query.Table, rows.GetArrayLength() > 0 ? rows[0] : null);
            }
            catch (Exception e) when (e is SysproException or HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                _logger.ODataSampleFailed(query.Table, string.Join(", ", untyped), e.Message);
            }
        }

        return _literalTypes.For(metadata, query.Table);
    }

    private static async Task<JsonDocument> ParseAsync(Stream stream, string table, CancellationToken ct)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
            {
                document.Dispose();
                throw new SysproAnswerException(table, null, null, "OData answered without a \"value\" list of rows.");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new SysproAnswerException(table, null, null, $"OData answered with text that is not JSON ({e.Message}).", e);
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
            await ODataAnswers.EnsureSuccessAsync(response, "$metadata", _logger, ct);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            return _metadata = ODataMetadata.Parse(await XDocument.LoadAsync(stream, LoadOptions.None, ct));
        }
        finally
        {
            _metadataLock.Release();
        }
    }

    private static SourceRow ToRow(JsonElement item, SourceQuery query, int index, Func<string, string?> typeOf)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new SysproAnswerException(query.Table, $"(row {index + 1})", null, "a row that is not an object.");
        }

        string KeyText(string column) => item.TryGetProperty(column, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
            : "?";
        var record = string.Join('|', query.OrderBy.Select(KeyText));
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name.StartsWith('@'))
            {
                continue;
            }

            values[property.Name] = ODataValues.Read(property.Value, typeOf(property.Name), out var problem);
            if (problem is not null)
            {
                throw new SysproAnswerException(query.Table, record, property.Name, problem + ".");
            }
        }

        foreach (var key in query.OrderBy.Where(k => values.GetValueOrDefault(k) is null))
        {
            throw new SysproAnswerException(query.Table, $"(row {index + 1}: {record})", key, "the row has no value for this key column.");
        }

        return new SourceRow(values);
    }
}
