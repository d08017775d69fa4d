using MlConnector.Sms;
using MlConnector.Syspro;

namespace MlConnector.Cli.Init;

/// <summary>The SYSPRO and Twilio features of the connector on a host of the given settings only (never started):
/// what <c>init</c>'s checks run on.</summary>
internal sealed class SetupHost : IAsyncDisposable
{
    private readonly IHost _host;

    public SetupHost(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // A check answers within seconds or says why not (the service's own timeouts are minutes); the answers follow.
        builder.Configuration.AddInMemoryCollection([
            new("Syspro:OData:Timeout", "00:00:20"), new("Syspro:Enet:Timeout", "00:00:20"), new("Twilio:RequestTimeout", "00:00:20")]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddSyspro();
        builder.AddSms();
        _host = builder.Build();
    }

    public IServiceProvider Services => _host.Services;

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
