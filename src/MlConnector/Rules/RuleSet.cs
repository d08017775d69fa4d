using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using MlConnector.Syspro;
using MlConnector.Templates;

namespace MlConnector.Rules;

/// <summary>The validated rules of this deployment, built once at start-up. A bad rule, template, recipient or
/// missing SYSPRO setting stops start-up with every problem named.</summary>
public sealed class RuleSet(IReadOnlyList<RuleDefinition> rules)
{
    public IReadOnlyList<RuleDefinition> Rules { get; } = rules;

    public RuleDefinition? Find(string id) => Rules.FirstOrDefault(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    public static RuleSet Load(IConfiguration configuration, SysproCompanies companies, RecipientDirectory directory,
        IReadOnlyList<string> directoryErrors, TemplateRenderer templates)
    {
        var configured = configuration.GetSection("Rules").Get<Dictionary<string, RuleOptions>>()
            ?? new Dictionary<string, RuleOptions>();
        var (rules, errors) = RuleCatalog.Build(configured,
            company => companies.Find(company)?.Options.Transport ?? companies.Default.Options.Transport, directory, templates);
        var all = directoryErrors.Concat(errors).ToList();
        foreach (var group in rules.GroupBy(r => r.Company, StringComparer.OrdinalIgnoreCase))
        {
            if (companies.Find(group.Key) is not { } company)
            {
                all.AddRange(group.Select(r => $"Rules:{r.Id}:Company: there is no company '{group.Key}' (configure Companies:{group.Key}:Syspro)."));
                continue;
            }

            var odata = group.Where(r => r.Transport == SysproTransport.OData).Select(r => r.Id).ToList();
            if (odata.Count > 0 && company.Options.OData.BaseUrl is null)
            {
                all.Add($"{company.SettingsPath}:OData:BaseUrl is required: rules {string.Join(", ", odata)} read over OData.");
            }

            var enet = group.Where(r => r.Transport == SysproTransport.Enet).Select(r => r.Id).ToList();
            if (enet.Count > 0 && (company.Options.Enet.BaseUrl is null || string.IsNullOrWhiteSpace(company.Options.Enet.Operator)))
            {
                all.Add($"{company.SettingsPath}:Enet:BaseUrl and {company.SettingsPath}:Enet:Operator are required: " +
                    $"rules {string.Join(", ", enet)} read over e.net.");
            }
        }

        if (all.Count > 0)
        {
            throw new OptionsValidationException("Rules", typeof(RuleSet), all);
        }

        return new RuleSet(rules);
    }
}
