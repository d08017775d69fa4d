using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using MlConnector.Templates;

namespace MlConnector.Rules;

/// <summary>The validated rules of this deployment, built once at start-up. A bad rule, template, recipient or
/// missing SYSPRO setting stops start-up with every problem named.</summary>
public sealed class RuleSet(IReadOnlyList<RuleDefinition> rules)
{
    public IReadOnlyList<RuleDefinition> Rules { get; } = rules;

    public RuleDefinition? Find(string id) => Rules.FirstOrDefault(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    public static RuleSet Load(RulesOptions configured, IRuleCompanies companies, RecipientDirectory directory,
        IReadOnlyList<string> directoryErrors, TemplateRenderer templates)
    {
        var (rules, errors) = RuleCatalog.Build(configured, companies.DefaultTransportOf, directory, templates);
        var all = directoryErrors.Concat(errors).Concat(companies.Check(rules)).Distinct().ToList();
        if (all.Count > 0)
        {
            throw new OptionsValidationException("Rules", typeof(RuleSet), all);
        }

        return new RuleSet(rules);
    }
}
