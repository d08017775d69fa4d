using Microsoft.Extensions.Options;
using MlConnector.Rules;

namespace MlConnector.Syspro;

/// <summary>
/// The SYSPRO companies this deployment reads: <c>default</c> from the <c>Syspro</c> section, and any further company
/// from <c>Companies:{id}</c> (<c>Name</c>, and a <c>Syspro</c> section of the same shape).
/// </summary>
public sealed class SysproCompanies : IRuleCompanies, IDisposable
{
    public const string DefaultId = "default";

    private readonly Dictionary<string, SysproCompany> _companies = new(StringComparer.OrdinalIgnoreCase);

    public SysproCompanies(IConfiguration configuration, IOptionsFactory<SysproOptions> settings, IHttpClientFactory httpClients,
        TimeProvider time, ILoggerFactory loggers)
    {
        SysproCompany Create(string id, string name)
        {
            var options = settings.Create(id);
            var session = new EnetSession(httpClients.CreateClient(SysproExtensions.EnetClient), options.Enet, time,
                loggers.CreateLogger<EnetSession>());
            return new SysproCompany(id, name, SettingsPathOf(configuration, id), options,
                new ODataSource(httpClients.CreateClient(SysproExtensions.ODataClient), options.OData),
                session, new EnetSource(session, options.Enet));
        }

        var companies = configuration.GetSection("Companies");
        if (!companies.GetSection(DefaultId).Exists())
        {
            _companies[DefaultId] = Create(DefaultId, "Default company");
        }

        foreach (var company in companies.GetChildren())
        {
            _companies[company.Key] = Create(company.Key, company["Name"] ?? company.Key);
        }
    }

    public IReadOnlyCollection<SysproCompany> All => _companies.Values;

    public SysproCompany Default => _companies.TryGetValue(DefaultId, out var company) ? company : _companies.Values.First();

    public SysproCompany? Find(string id) => _companies.GetValueOrDefault(id);

    /// <summary>Where a company's settings live: <c>Syspro</c> for the default company (unless <c>Companies:default</c>
    /// is configured), <c>Companies:{id}:Syspro</c> for any other.</summary>
    public static string SettingsPathOf(IConfiguration configuration, string id) =>
        id.Equals(DefaultId, StringComparison.OrdinalIgnoreCase) && !configuration.GetSection($"Companies:{DefaultId}").Exists()
            ? SysproOptions.SectionName
            : $"Companies:{id}:{SysproOptions.SectionName}";

    public SysproTransport DefaultTransportOf(string company) => (Find(company) ?? Default).Options.Transport;

    public IEnumerable<string> Check(IReadOnlyList<RuleDefinition> rules)
    {
        foreach (var group in rules.GroupBy(r => r.Company, StringComparer.OrdinalIgnoreCase))
        {
            if (Find(group.Key) is not { } company)
            {
                foreach (var rule in group)
                {
                    yield return $"Rules:{rule.Id}:Company: there is no company '{group.Key}' (configure Companies:{group.Key}:Syspro).";
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
