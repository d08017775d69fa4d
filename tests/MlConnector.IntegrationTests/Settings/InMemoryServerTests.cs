using System.Net;
using System.Net.Sockets;

namespace MlConnector.IntegrationTests.Settings;

/// <summary>
/// A host whose server listens on no address (the tests' in-memory server) is not stopped by a port someone else holds:
/// the check that the listening addresses are free applies to a server that listens on them. Before, every in-memory
/// host probed the default port 5080, so one that started while another program (a demo, or another host's probe)
/// held it stopped at once, and the test saw only "Cannot access a disposed object".
/// </summary>
public sealed class InMemoryServerTests
{
    [Fact]
    public async Task InMemoryHost_ItsConfiguredPortHeldByAnotherProgram_StartsAndAnswers()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        await using var app = new ConnectorApplication().With("urls", $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}");

        var response = await app.CreateClient().GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
