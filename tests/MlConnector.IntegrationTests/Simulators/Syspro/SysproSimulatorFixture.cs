using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>One simulator with the full 20,000 purchase orders, shared by read-only tests.</summary>
public sealed class SysproSimulatorFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public SysproSimulator Simulator { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public EnetTestClient Enet => new(Http, Simulator);

    public async ValueTask InitializeAsync()
    {
        Simulator = await SysproSimulator.StartAsync(new SysproSimulatorOptions(), Time);
        Http = CreateClient(Simulator);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }

    /// <summary>An HttpClient on the simulator's base address with the OData Basic credentials.</summary>
    public static HttpClient CreateClient(SysproSimulator simulator)
    {
        var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var credentials = $"{simulator.Options.ODataUser}:{simulator.Options.ODataPassword}";
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return http;
    }
}

[CollectionDefinition(Name)]
public sealed class SysproSharedGroup : ICollectionFixture<SysproSimulatorFixture>
{
    public const string Name = "SYSPRO simulator (shared, 20,000 POs)";
}
