using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace MlConnector.Settings;

/// <summary>The connector's environment variables (<c>MLC_Storage__Provider</c>), as a source of its own so the check
/// of the settings' top level can tell them from the host's and the machine's variables.</summary>
public sealed class ConnectorEnvironment : IConfigurationSource
{
    public const string Prefix = "MLC_";

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider();

    internal sealed class Provider() : EnvironmentVariablesConfigurationProvider(Prefix);
}
