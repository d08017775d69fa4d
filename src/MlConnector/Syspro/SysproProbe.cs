using MlConnector.Probes;

namespace MlConnector.Syspro;

/// <summary>Checks the configured SYSPRO credentials without touching the service's own e.net session.</summary>
internal sealed class SysproProbe(IHttpClientFactory httpClients, SysproClients clients, TimeProvider time, ILoggerFactory loggers)
{
    public async Task<ProbeResult?> ODataAsync(SysproCompany company, CancellationToken ct)
    {
        var o = company.Options.OData;
        var target = Target("SYSPRO OData", company);
        if (o.BaseUrl is null)
        {
            return null;
        }

        try
        {
            using var source = new ODataSource(httpClients.CreateClient(clients.NameOf(SysproExtensions.ODataClient, company.Id)), o);
            var query = new SourceQuery("PorMasterHdr", ["PurchaseOrder"], [], ["PurchaseOrder"]);
            await foreach (var _ in source.ReadAsync(query, ct))
            {
                break;
            }

            return new ProbeResult(target, true, $"read PorMasterHdr at {o.BaseUrl} as {o.Username}");
        }
        catch (Exception e) when (e is SysproException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new ProbeResult(target, false, e.Message);
        }
    }

    /// <param name="force">Use the service's own operator when no probe operator is set (ends its session).</param>
    public async Task<ProbeResult?> EnetAsync(SysproCompany company, bool force, CancellationToken ct)
    {
        var o = company.Options.Enet;
        var target = Target("SYSPRO e.net", company);
        if (o.BaseUrl is null)
        {
            return null;
        }

        var probe = !string.IsNullOrWhiteSpace(o.ProbeOperator);
        if (!probe && !force)
        {
            return new ProbeResult(target, false,
                $"not checked: logging on as {o.Operator} would end the running service's session (SYSPRO allows one per operator). " +
                "Set Syspro:Enet:ProbeOperator, or pass --force when the service is stopped.");
        }

        var credentials = new EnetOptions
        {
            BaseUrl = o.BaseUrl,
            Operator = probe ? o.ProbeOperator : o.Operator,
            OperatorPassword = probe ? o.ProbeOperatorPassword : o.OperatorPassword,
            CompanyId = o.CompanyId,
            CompanyPassword = o.CompanyPassword,
            Timeout = o.Timeout,
        };
        using var session = new EnetSession(httpClients.CreateClient(clients.NameOf(SysproExtensions.EnetClient, company.Id)), credentials, time,
            loggers.CreateLogger<EnetSession>());
        try
        {
            await session.LogonAndLogoffAsync(ct);
            return new ProbeResult(target, true, $"logged on as {credentials.Operator} and off again at {o.BaseUrl}");
        }
        catch (Exception e) when (e is SysproException or HttpRequestException or TaskCanceledException)
        {
            return new ProbeResult(target, false, e is SysproException { InnerException: SysproException inner } ? inner.Message : e.Message);
        }
    }

    private static string Target(string what, SysproCompany company) =>
        company.Id == SysproCompanies.DefaultId ? what : $"{what} ({company.Id})";
}
