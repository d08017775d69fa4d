namespace MlConnector.Rules;

/// <summary>What the rules need to know of the configured SYSPRO companies (answered by Syspro's
/// <c>SysproCompanies</c>, so the rules need not know how SYSPRO is reached).</summary>
public interface IRuleCompanies
{
    /// <summary>The transport of a company's rules that name none (the default company's when it is not configured).</summary>
    SysproTransport DefaultTransportOf(string company);

    /// <summary>What stops these rules from reading their companies' SYSPRO, each problem naming its setting.</summary>
    IEnumerable<string> Check(IReadOnlyList<RuleDefinition> rules);
}
