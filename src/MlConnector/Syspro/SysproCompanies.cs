using Microsoft.Extensions.Options;
using MlConnector.Rules;
using MlConnector.Settings;

namespace MlConnector.Syspro;

/// <summary>
/// The SYSPRO companies this deployment reads: <c>default</c> from the <c>Syspro</c> section, and any further company
/// from <c>Companies:{id}</c> (<c>Name</c>, and a <c>Syspro</c> section of the same shape).
/// </summary>
public sealed class SysproCompanies : IRuleCompanies, IDisposable
{
    public const string DefaultId = "default";

    private readonly Dictionary<string, SysproCompany> _companies = new(StringComparer.OrdinalIgnoreCase);

    public SysproCompanies(IOptions<SysproOptions> defaultCompany, IOptions<CompaniesOptions> companies, IHttpClientFactory httpClients,
        SysproClients clients, TimeProvider time, ILoggerFactory loggers)
    {
        SysproCompany Create(string id, string name, string path, SysproOptions options)
        {
            var session = new EnetSession(httpClients.CreateClient(clients.NameOf(SysproExtensions.EnetClient, id)), options.Enet, time,
                loggers.CreateLogger<EnetSession>());
            return new SysproCompany(id, name, path, options,
                new ODataSource(httpClients.CreateClient(clients.NameOf(SysproExtensions.ODataClient, id)), options.OData,
                    loggers.CreateLogger<ODataSource>()),
                session, new EnetSource(session, options.Enet));
        }

        if (!companies.Value.ContainsKey(DefaultId))
        {
            _companies[DefaultId] = Create(DefaultId, "Default company", SysproOptions.SectionName, defaultCompany.Value);
        }

        foreach (var (id, company) in companies.Value)
        {
            _companies[id] = Create(id, company.Name ?? id, SettingsPathOf(id), company.Syspro);
        }
    }

    public IReadOnlyCollection<SysproCompany> All => _companies.Values;

    public SysproCompany Default => _companies.TryGetValue(DefaultId, out var company) ? company : _companies.Values.First();

    public SysproCompany? Find(string id) => _companies.GetValueOrDefault(id);

    /// <summary>Where a further company's settings live: <c>Companies:{id}:Syspro</c>.</summary>
    public static string SettingsPathOf(string id) => $"{CompaniesOptions.SectionName}:{id}:{SysproOptions.SectionName}";

    public SysproTransport DefaultTransportOf(string company) => (Find(company) ?? Default).Options.Transport;

    public IEnumerable<string> Check(IReadOnlyList<RuleDefinition> rules)
    {
        foreach (var group in rules.GroupBy(r => r.Company, StringComparer.OrdinalIgnoreCase))
        {
            if (Find(group.Key) is not { } company)
            {
                foreach (var rule in group)
                {
                    yield return $"Rules:{rule.Id}:Company: there is no company '{group.Key}'" +
                        (Suggestions.Closest(group.Key, _companies.Keys) is { } match
                            ? $"; did you mean '{match}'?"
                            : $" (configure Companies:{group.Key}:Syspro)");
                }

                continue;
            }

            var odata = group.Where(r => r.Transport == SysproTransport.OData).Select(r => r.Id).ToList();
            if (odata.Count > 0 && company.Options.OData.BaseUrl is null)
            {
                yield return $"{company.SettingsPath}:OData:BaseUrl is required: rules {string.Join(", ", odata)} read over OData.";
            }

            var enet = group.Where(r => r.Transport == SysproTransport.Enet).Select(r => r.Id).ToList();
            if (enet.Count > 0 && (company.Options.Enet.BaseUrl is null || string.IsNullOrWhiteSpace(company.Options.Enet.Operator)))
            {
                yield return $"{company.SettingsPath}:Enet:BaseUrl and {company.SettingsPath}:Enet:Operator are required: " +
                    $"rules {string.Join(", ", enet)} read over e.net.";
            }
        }
    }

    public void Dispose()
    {
        foreach (var company in _companies.Values)
        {
            company.Dispose();
        }
    }
}
