using System.Runtime.InteropServices;
using MlConnector.PeerComparison.Setup;
using MlConnector.Bench.Harness.Setup;

namespace MlConnector.PeerComparison.Report;

/// <summary>The machine and versions the figures were taken on, and its load (the cores may be shared).</summary>
internal static class MachineInfo
{
    public static async Task<string> DescribeAsync()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"')
            : RuntimeInformation.OSDescription;
        var gib = memory is not null ? $"{long.Parse(memory, System.Globalization.CultureInfo.InvariantCulture) / 1024d / 1024d:0} GiB" : "? GiB";
        var node = await Tools.FirstLineAsync("node", "--version") ?? "node ?";
        return $"{cpu ?? "CPU ?"}, {Environment.ProcessorCount} cores, {gib}, {os}, {RuntimeInformation.FrameworkDescription}, " +
            $"Node.js {node.TrimStart('v')}, Node-RED {NodeRedInstaller.Version}";
    }

    public static string LoadAverage(string when)
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        return $"{load} ({when})";
    }
}
