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

    public static RuleSet Load(IConfiguration configuration, SysproOptions syspro, RecipientDirectory directory,
        IReadOnlyList<string> directoryErrors, TemplateRenderer templates)
    {
        var configured = configuration.GetSection("Rules").Get<Dictionary<string, RuleOptions>>()
            ?? new Dictionary<string, RuleOptions>();
        var (rules, errors) = RuleCatalog.Build(configured, syspro.Transport, directory, templates);
        var all = directoryErrors.Concat(errors).ToList();
        if (rules.Any(r => r.Transport == SysproTransport.OData) && syspro.OData.BaseUrl is null)
        {
            all.Add("Syspro:OData:BaseUrl is required: rules " +
                string.Join(", ", rules.Where(r => r.Transport == SysproTransport.OData).Select(r => r.Id)) + " read over OData.");
        }

        if (rules.Any(r => r.Transport == SysproTransport.Enet) && (syspro.Enet.BaseUrl is null || string.IsNullOrWhiteSpace(syspro.Enet.Operator)))
        {
            all.Add("Syspro:Enet:BaseUrl and Syspro:Enet:Operator are required: rules " +
                string.Join(", ", rules.Where(r => r.Transport == SysproTransport.Enet).Select(r => r.Id)) + " read over e.net.");
        }

        if (all.Count > 0)
        {
            throw new OptionsValidationException("Rules", typeof(RuleSet), all);
        }

        return new RuleSet(rules);
    }
}
