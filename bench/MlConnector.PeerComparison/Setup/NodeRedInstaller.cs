using System.Text.Json;
using MlConnector.Bench.Harness.Setup;

namespace MlConnector.PeerComparison.Setup;

/// <summary>Installs Node-RED from npm into the scratch folder (never into the repository), once per version.</summary>
internal static class NodeRedInstaller
{
    public const string Version = "4.1.8";

    /// <summary>The npm project Node-RED is installed into (node_modules stays here).</summary>
    public static string InstallFolder(Workspace workspace) => Path.Combine(workspace.Scratch, "node-red");

    public static string Script(Workspace workspace) => Path.Combine(InstallFolder(workspace), "node_modules", "node-red", "red.js");

    public static async Task InstallAsync(Workspace workspace, CancellationToken ct)
    {
        var installed = Path.Combine(InstallFolder(workspace), "node_modules", "node-red", "package.json");
        if (File.Exists(installed) && InstalledVersion(installed) == Version)
        {
            Console.WriteLine($"Node-RED {Version} is installed in {InstallFolder(workspace)}.");
            return;
        }

        Console.WriteLine($"Installing Node-RED {Version} from npm into {InstallFolder(workspace)} ...");
        Directory.CreateDirectory(InstallFolder(workspace));
        await File.WriteAllTextAsync(Path.Combine(InstallFolder(workspace), "package.json"),
            """{ "name": "ml-connector-peer-node-red", "private": true }""", ct);
        await Tools.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--omit=dev", $"node-red@{Version}"],
            InstallFolder(workspace), ct);
        if (InstalledVersion(installed) != Version)
        {
            throw new InvalidOperationException($"npm did not install Node-RED {Version} into {InstallFolder(workspace)}.");
        }
    }

    private static string? InstalledVersion(string packageJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }
}
