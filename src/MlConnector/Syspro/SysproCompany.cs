using MlConnector.Rules;

namespace MlConnector.Syspro;

/// <summary>One SYSPRO company of this deployment: its settings and its own connections (its own e.net operator
/// and session, its own OData credentials).</summary>
public sealed class SysproCompany(string id, string name, string settingsPath, SysproOptions options,
    ODataSource odata, EnetSession session, EnetSource enet) : IDisposable
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>Where this company's settings live in configuration (<c>Syspro</c> or <c>Companies:{id}:Syspro</c>).</summary>
    public string SettingsPath { get; } = settingsPath;

    public SysproOptions Options { get; } = options;

    public ODataSource OData { get; } = odata;

    public EnetSession Session { get; } = session;

    public EnetSource Enet { get; } = enet;

    public ISysproSource For(SysproTransport transport) => transport == SysproTransport.Enet ? Enet : OData;

    public void Dispose()
    {
        OData.Dispose();
        Session.Dispose();
    }
}
