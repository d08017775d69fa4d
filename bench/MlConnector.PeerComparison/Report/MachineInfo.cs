using MlConnector.PeerComparison.Setup;
using MlConnector.Bench.Harness.Setup;

namespace MlConnector.PeerComparison.Report;

/// <summary>The machine and versions the figures were taken on, and its load (the cores may be shared).</summary>
internal static class MachineInfo
{
    public static async Task<string> DescribeAsync()
    {
        var node = await Tools.FirstLineAsync("node", "--version") ?? "node ?";
        return $"{Machine.Describe()}, Node.js {node.TrimStart('v')}, Node-RED {NodeRedInstaller.Version}";
    }

    public static string LoadAverage(string when) => $"{Machine.LoadAverage()} ({when})";
}
