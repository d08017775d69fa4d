using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Twilio;

namespace MlConnector.Cli;

/// <summary>The settings that point the connector at the built-in simulators (the demo and the tests use them).</summary>
internal static class SimulatorSettings
{
    /// <summary>The sender number the simulated account texts from (Twilio's always-valid test number).</summary>
    public const string From = "+15005550006";

    /// <param name="section">Where the company's SYSPRO settings go: <c>Syspro</c>, or <c>Companies:{id}:Syspro</c>.</param>
    public static Dictionary<string, string?> Syspro(SysproSimulator syspro, string section = "Syspro") => new()
    {
        [$"{section}:OData:BaseUrl"] = syspro.ODataAddress.AbsoluteUri,
        [$"{section}:OData:Username"] = syspro.Options.ODataUser,
        [$"{section}:OData:Password"] = syspro.Options.ODataPassword,
        [$"{section}:Enet:BaseUrl"] = syspro.EnetAddress.AbsoluteUri,
        [$"{section}:Enet:Operator"] = syspro.Options.Operator,
        [$"{section}:Enet:OperatorPassword"] = syspro.Options.OperatorPassword,
        [$"{section}:Enet:CompanyId"] = syspro.Options.CompanyId,
        [$"{section}:Enet:CompanyPassword"] = syspro.Options.CompanyPassword,
    };

    public static Dictionary<string, string?> Twilio(TwilioSimulator twilio) => new()
    {
        ["Twilio:AccountSid"] = twilio.Options.AccountSid,
        ["Twilio:AuthToken"] = twilio.Options.AuthToken,
        ["Twilio:From"] = From,
        ["Twilio:BaseUrl"] = twilio.BaseAddress.AbsoluteUri,
    };

    /// <summary>The same settings as environment variables (<c>MLC_Syspro__OData__BaseUrl</c>).</summary>
    public static Dictionary<string, string?> AsEnvironment(IEnumerable<KeyValuePair<string, string?>> settings) =>
        settings.ToDictionary(kv => Hosting.HostingExtensions.EnvironmentPrefix + kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value);
}
