using System.Net;
using System.Net.Sockets;

namespace MlConnector.Bench.Harness.Processes;

/// <summary>Loopback ports nobody listens on now (bound to port 0 and released), so the runs never collide with the
/// demo's fixed ports or another program.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
