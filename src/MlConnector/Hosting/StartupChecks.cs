using Microsoft.Extensions.Options;
using MlConnector.Rules;
using MlConnector.Security;

namespace MlConnector.Hosting;

/// <summary>
/// The checks start-up makes before anything runs: settings, the master key, the rules with their templates and
/// recipients. <c>run</c> and <c>demo</c> make them before starting the host (so a mistake is one clear line, not a
/// failed start with a stack trace), and <c>config validate</c> makes them alone.
/// </summary>
internal static class StartupChecks
{
    public static RuleSet Run(IServiceProvider services)
    {
        services.GetService<IStartupValidator>()?.Validate();
        _ = services.GetRequiredService<MasterKey>();
        return services.GetRequiredService<RuleSet>();
    }
}
