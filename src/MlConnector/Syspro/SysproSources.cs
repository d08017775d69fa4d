using MlConnector.Rules;

namespace MlConnector.Syspro;

/// <summary>The source a rule reads through (one company for now; several arrive with scale-out).</summary>
public sealed class SysproSources(IServiceProvider services)
{
    public ISysproSource For(RuleDefinition rule) => For(rule.Transport);

    public ISysproSource For(SysproTransport transport) => transport switch
    {
        SysproTransport.Enet => services.GetRequiredService<EnetSource>(),
        _ => services.GetRequiredService<ODataSource>(),
    };
}
