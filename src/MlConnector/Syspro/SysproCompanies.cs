namespace MlConnector.Syspro;

/// <summary>
/// The SYSPRO companies this deployment reads: <c>default</c> from the <c>Syspro</c> section, and any further company
/// from <c>Companies:{id}</c> (<c>Name</c>, and a <c>Syspro</c> section of the same shape).
/// </summary>
public sealed class SysproCompanies : IDisposable
{
    public const string DefaultId = "default";

    private readonly Dictionary<string, SysproCompany> _companies = new(StringComparer.OrdinalIgnoreCase);

    public SysproCompanies(IConfiguration configuration, IHttpClientFactory httpClients, TimeProvider time, ILoggerFactory loggers)
    {
        SysproCompany Create(string id, string name, string path)
        {
            var options = configuration.GetSection(path).Get<SysproOptions>() ?? new SysproOptions();
            var session = new EnetSession(httpClients.CreateClient(SysproExtensions.EnetClient), options.Enet, time,
                loggers.CreateLogger<EnetSession>());
            return new SysproCompany(id, name, path, options,
                new ODataSource(httpClients.CreateClient(SysproExtensions.ODataClient), options.OData),
                session, new EnetSource(session, options.Enet));
        }

        var companies = configuration.GetSection("Companies");
        if (!companies.GetSection(DefaultId).Exists())
        {
            _companies[DefaultId] = Create(DefaultId, "Default company", SysproOptions.SectionName);
        }

        foreach (var company in companies.GetChildren())
        {
            _companies[company.Key] = Create(company.Key, company["Name"] ?? company.Key, $"Companies:{company.Key}:{SysproOptions.SectionName}");
        }
    }

    public IReadOnlyCollection<SysproCompany> All => _companies.Values;

    public SysproCompany Default => _companies.TryGetValue(DefaultId, out var company) ? company : _companies.Values.First();

    public SysproCompany? Find(string id) => _companies.GetValueOrDefault(id);

    public void Dispose()
    {
        foreach (var company in _companies.Values)
        {
            company.Dispose();
        }
    }
}
