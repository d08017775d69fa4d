using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MlConnector.Hosting;

/// <summary>Checks, before the host starts, that the addresses it will listen on are free: a port another program
/// holds is then one clear line instead of Kestrel's failure deep inside start-up.</summary>
internal static class ListeningAddresses
{
    /// <summary>The addresses Kestrel will listen on. Another server (one that serves in memory, as the tests' does)
    /// listens on none and has no port to check: probing the default one would stop it whenever another program
    /// held that port.</summary>
    public static void Check(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<IServer>()?.GetType().Assembly != typeof(KestrelServerOptions).Assembly)
        {
            return;
        }

        Check(app.Configuration["urls"] ?? ConnectorHost.DefaultUrl);
    }

    /// <param name="urls">Addresses separated by semicolons, as --urls takes them.</param>
    public static void Check(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var problems = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Problem(url) is { } problem)
            {
                problems.Add(StartupChecks.CannotStart + problem);
            }
        }

        if (problems.Count > 0)
        {
            throw new StartupProblemsException(problems);
        }
    }

    private static string? Problem(string url)
    {
        // Kestrel's wildcards (*, +) and host names bind every address; a port of 0 is picked free.
        var text = url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return $"Urls: '{url}' is not an address to listen on; write http://127.0.0.1:5080 (http://127.0.0.1:0 picks a free port)";
        }

        if (uri.Port == 0)
        {
            return null;
        }

        var address = uri.IsLoopback ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : IPAddress.Any;
        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (!OperatingSystem.IsWindows())
            {
                // As Kestrel does on Unix: a port in TIME_WAIT from an earlier run is free to use.
                probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            probe.Bind(new IPEndPoint(address, uri.Port));
            probe.Listen();
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return $"Urls: '{url}' is in use by another program; stop it, or listen elsewhere with --urls (http://127.0.0.1:0 picks a free port)";
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AccessDenied or SocketError.AddressNotAvailable)
        {
            return $"Urls: '{url}' cannot be listened on ({e.Message.TrimEnd('.')}); choose another address or port with --urls";
        }
    }
}
