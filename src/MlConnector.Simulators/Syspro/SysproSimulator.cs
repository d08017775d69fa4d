using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Syspro.Enet;
using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.Simulators.Syspro;

/// <summary>
/// The SYSPRO simulator on a real Kestrel socket: e.net REST at <c>{BaseAddress}SYSPROWCFService/Rest/</c>, OData
/// at <c>{BaseAddress}odata/</c> and the control API at <c>{BaseAddress}_sim/syspro/</c>, over one data set.
/// </summary>
public sealed class SysproSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SysproSimulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Options = app.Services.GetRequiredService<SysproSimulatorOptions>();
        Data = app.Services.GetRequiredService<SysproData>();
        Sessions = app.Services.GetRequiredService<EnetSessions>();
        Faults = app.Services.GetRequiredService<SysproFaults>();
        Scenario = app.Services.GetRequiredService<SysproScenarioDriver>();
        Requests = app.Services.GetRequiredService<SysproRequestCounter>();
        PagingHooks = app.Services.GetRequiredService<SysproPagingHooks>();
        BadAnswers = app.Services.GetRequiredService<SysproBadAnswers>();
    }

    /// <summary>The bound address with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public Uri EnetAddress => new(BaseAddress, "SYSPROWCFService/Rest/");

    public Uri ODataAddress => new(BaseAddress, Options.ODataRoute.Trim('/') + "/");

    public Uri ControlAddress => new(BaseAddress, "_sim/syspro/");

    public SysproSimulatorOptions Options { get; }

    public SysproData Data { get; }

    public EnetSessions Sessions { get; }

    /// <summary>e.net sessions alive now (tests check none are left after the connector shuts down).</summary>
    public int OpenSessions => Sessions.OpenSessions;

    public int LogonCount => Sessions.LogonCount;

    public SysproFaults Faults { get; }

    public SysproScenarioDriver Scenario { get; }

    /// <summary>Requests and rows served per transport and target since the last reset.</summary>
    public SysproRequestCounter Requests { get; }

    /// <summary>Row changes made between the page requests of one read.</summary>
    public SysproPagingHooks PagingHooks { get; }

    /// <summary>Bad answers served for a span of requests, from fixed bodies the caller gives.</summary>
    public SysproBadAnswers BadAnswers { get; }

    /// <summary>Starts Kestrel on <paramref name="url"/> (port 0 picks a free port). Logging is off.</summary>
    public static async Task<SysproSimulator> StartAsync(
        SysproSimulatorOptions options, TimeProvider time, string url = "http://127.0.0.1:0",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SysproSimulator).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton(time);
        builder.Services.AddSysproSimulator(options);
        var app = builder.Build();
        app.MapSysproSimulator();
        _ = app.Services.GetRequiredService<SysproData>(); // generate before the first request, not during it
        await app.StartAsync(cancellationToken);
        return new SysproSimulator(app, BoundAddress(app));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The first address Kestrel actually bound, with the real port.</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
