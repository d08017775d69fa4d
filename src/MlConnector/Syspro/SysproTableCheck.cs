using MlConnector.Rules;

namespace MlConnector.Syspro;

/// <summary>Whether SYSPRO lets the connector read a table with the columns a rule needs.</summary>
public sealed record TableAccess(string Table, bool Readable, string Message);

/// <summary>
/// What SYSPRO exposes, table by table: one row of each query (OData <c>$top=1</c> after <c>$metadata</c>, e.net a
/// COMFND with ReturnRows 1), with the query's columns, so a missing entity set, column or permission shows before a
/// rule is switched on. Over e.net it logs on as the probe operator when one is set (else the service's operator) and
/// off again at the end. Used by <c>ml-connector init</c> to list the presets a site can use.
/// </summary>
internal sealed class SysproTableCheck(IHttpClientFactory httpClients, TimeProvider time, ILoggerFactory loggers)
{
    public async Task<IReadOnlyList<TableAccess>> CheckAsync(SysproCompany company, SysproTransport transport,
        IReadOnlyList<SourceQuery> queries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(queries);
        if (transport == SysproTransport.OData)
        {
            var o = company.Options.OData;
            using var odata = new ODataSource(httpClients.CreateClient(SysproExtensions.ODataClient), new ODataSourceOptions
            {
                BaseUrl = o.BaseUrl, Username = o.Username, Password = o.Password, PageSize = 1, Timeout = o.Timeout,
            });
            return await ReadEachAsync(odata, queries, ct);
        }

        var e = company.Options.Enet;
        var probe = !string.IsNullOrWhiteSpace(e.ProbeOperator);
        var credentials = new EnetOptions
        {
            BaseUrl = e.BaseUrl,
            Operator = probe ? e.ProbeOperator : e.Operator,
            OperatorPassword = probe ? e.ProbeOperatorPassword : e.OperatorPassword,
            CompanyId = e.CompanyId,
            CompanyPassword = e.CompanyPassword,
            PageSize = 1,
            Timeout = e.Timeout,
        };
        using var session = new EnetSession(httpClients.CreateClient(SysproExtensions.EnetClient), credentials, time,
            loggers.CreateLogger<EnetSession>());
        try
        {
            return await ReadEachAsync(new EnetSource(session, credentials), queries, ct);
        }
        finally
        {
            await session.LogoffAsync(ct);
        }
    }

    private static async Task<IReadOnlyList<TableAccess>> ReadEachAsync(ISysproSource source, IReadOnlyList<SourceQuery> queries,
        CancellationToken ct)
    {
        var results = new List<TableAccess>();
        foreach (var query in queries)
        {
            try
            {
                var rows = 0;
                await foreach (var _ in source.ReadAsync(query, ct))
                {
                    rows++;
                    break;
                }

                results.Add(new TableAccess(query.Table, true, rows == 0 ? "readable (no rows yet)" : "readable"));
            }
            catch (Exception e) when (e is SysproException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                results.Add(new TableAccess(query.Table, false, e is SysproException { InnerException: SysproException inner } ? inner.Message : e.Message));
            }
        }

        return results;
    }
}
