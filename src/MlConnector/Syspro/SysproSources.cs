using MlConnector.Rules;

namespace MlConnector.Syspro;

/// <summary>The source a rule reads through: its company's connection over its transport.</summary>
public sealed class SysproSources(SysproCompanies companies)
{
    public ISysproSource For(RuleDefinition rule) =>
        (companies.Find(rule.Company) ?? throw new SysproException($"There is no SYSPRO company '{rule.Company}'.")).For(rule.Transport);

    /// <summary>The default company's source over a transport.</summary>
    public ISysproSource For(SysproTransport transport) => companies.Default.For(transport);
}
