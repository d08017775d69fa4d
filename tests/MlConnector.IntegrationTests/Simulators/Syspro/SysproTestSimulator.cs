using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>A small simulator of its own for one test: a fake clock, an OData client and an e.net client.</summary>
public sealed class SysproTestSimulator : IAsyncDisposable
{
    private SysproTestSimulator(FakeTimeProvider time, SysproSimulator simulator)
    {
        Time = time;
        Simulator = simulator;
        Http = SysproSimulatorFixture.CreateClient(simulator);
    }

    public FakeTimeProvider Time { get; }

    public SysproSimulator Simulator { get; }

    public HttpClient Http { get; }

    public EnetTestClient Enet => new(Http, Simulator);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<SysproTestSimulator> StartAsync(Action<SysproSimulatorOptions>? configure = null)
    {
        var options = new SysproSimulatorOptions { PurchaseOrders = 200 };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(SysproSimulatorFixture.Start);
        return new SysproTestSimulator(time, await SysproSimulator.StartAsync(options, time, cancellationToken: Ct));
    }

    /// <summary>GET under the OData root; the status, the content type and the body as text.</summary>
    public async Task<(int Status, string? ContentType, string Body)> ODataAsync(string relative)
    {
        using var response = await Http.GetAsync(new Uri(Simulator.ODataAddress, relative), Ct);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>One COMFND call on a fresh session.</summary>
    public async Task<string> ComfndAsync(string xmlIn) =>
        (await Enet.QueryAsync(await Enet.LogonUserIdAsync(), "COMFND", xmlIn)).Text;

    /// <summary>A JSON call to the control API; fails the test unless it succeeds.</summary>
    public async Task<T> ControlAsync<T>(HttpMethod method, string relative, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Simulator.ControlAddress, relative))
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        using var response = await Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {relative}: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(text, System.Text.Json.JsonSerializerOptions.Web)!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
