using System.Net;
using System.Web;

namespace MlConnector.Syspro;

/// <summary>What an OData answer that is not a success means, said so an administrator can act on it. A query SYSPRO
/// refuses (HTTP 400) is logged as a warning with SYSPRO's reason and the request's <c>$filter</c> (business values
/// only: the credentials travel in a header, never in the query).</summary>
internal static class ODataAnswers
{
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, ILogger logger, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        var excerpt = body.Length > 300 ? body[..300] : body;
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var filter = FilterOf(response.RequestMessage?.RequestUri);
            logger.ODataQueryRefused(what, excerpt, filter ?? "(none)");
            throw new SysproException($"SYSPRO OData rejected the query for {what} (HTTP 400): {excerpt}" +
                (filter is null ? "" : $"; $filter: {filter}"));
        }

        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new SysproException(
                $"SYSPRO OData refused the credentials (HTTP {(int)response.StatusCode}); check Syspro:OData:Username and Password.",
                isCredentialError: true),
            HttpStatusCode.NotFound => new SysproException($"SYSPRO OData has no '{what}' (HTTP 404)."),
            _ => new HttpRequestException($"SYSPRO OData answered HTTP {(int)response.StatusCode} for {what}.", null, response.StatusCode),
        };
    }

    /// <summary>The decoded <c>$filter</c> of a request, or null when it had none.</summary>
    public static string? FilterOf(Uri? request) =>
        request is null ? null : HttpUtility.ParseQueryString(request.Query)["$filter"];
}
