namespace MlConnector.Settings;

/// <summary>The connector's own sections of the settings file, each with its options type: registered by every
/// feature that binds one (<see cref="StrictBinding.BindStrictly{T}"/>), read by the check of the file's top level and
/// by the JSON Schema.</summary>
public sealed class SettingsSections
{
    /// <summary>Top-level keys that belong to the host, not the connector, and are never errors: the documented ones,
    /// the connector's --config, and ASP.NET Core's own host settings (WebHostDefaults).</summary>
    public static readonly IReadOnlyList<string> HostKeys =
        ["$schema", "Logging", "Kestrel", "Urls", "AllowedHosts", "config",
         "environment", "contentRoot", "applicationName", "http_ports", "https_ports", "webroot", "detailedErrors",
         "captureStartupErrors", "suppressStatusMessages", "shutdownTimeoutSeconds", "preventHostingStartup",
         "hostingStartupAssemblies", "hostingStartupExcludeAssemblies", "startupAssembly", "PreferHostingUrls", "hostBuilder"];

    private readonly Dictionary<string, Type> _sections = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, Type> All => _sections;

    public void Add(string name, Type type) => _sections[name] = type;
}
