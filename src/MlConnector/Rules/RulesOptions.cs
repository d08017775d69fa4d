namespace MlConnector.Rules;

/// <summary>The rules of this deployment as written in configuration (<c>Rules</c>), by rule id; a rule whose id is a
/// preset starts from that preset.</summary>
public sealed class RulesOptions : Dictionary<string, RuleOptions>
{
    public const string SectionName = "Rules";

    public RulesOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}
