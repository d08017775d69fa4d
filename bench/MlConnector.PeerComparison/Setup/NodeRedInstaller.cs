using System.Text.Json;

namespace MlConnector.PeerComparison.Setup;

/// <summary>Installs Node-RED from npm into the scratch folder (never into the repository), once per version.</summary>
internal static class NodeRedInstaller
{
    public const string Version = "4.1.8";

    public static async Task InstallAsync(Workspace workspace, CancellationToken ct)
    {
        var installed = Path.Combine(workspace.NodeRedInstall, "node_modules", "node-red", "package.json");
        if (File.Exists(installed) && InstalledVersion(installed) == Version)
        {
            Console.WriteLine($"Node-RED {Version} is installed in {workspace.NodeRedInstall}.");
            return;
        }

        Console.WriteLine($"Installing Node-RED {Version} from npm into {workspace.NodeRedInstall} ...");
        Directory.CreateDirectory(workspace.NodeRedInstall);
        await File.WriteAllTextAsync(Path.Combine(workspace.NodeRedInstall, "package.json"),
            """{ "name": "ml-connector-peer-node-red", "private": true }""", ct);
        await Tools.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--omit=dev", $"node-red@{Version}"],
            workspace.NodeRedInstall, ct);
        if (InstalledVersion(installed) != Version)
        {
            throw new InvalidOperationException($"npm did not install Node-RED {Version} into {workspace.NodeRedInstall}.");
        }
    }

    private static string? InstalledVersion(string packageJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }
}
