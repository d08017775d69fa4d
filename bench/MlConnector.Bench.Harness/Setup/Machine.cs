using System.Globalization;
using System.Runtime.InteropServices;

namespace MlConnector.Bench.Harness.Setup;

/// <summary>The machine the figures were taken on, and its load (the cores may be shared).</summary>
public static class Machine
{
    /// <summary>CPU, cores, memory, OS and .NET, e.g. "AMD EPYC ..., 2 cores, 24 GiB, Debian GNU/Linux 12 (bookworm), .NET 10.0.12".</summary>
    public static string Describe()
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
        var gib = memory is not null ? $"{long.Parse(memory, CultureInfo.InvariantCulture) / 1024d / 1024d:0} GiB" : "? GiB";
        return $"{cpu ?? "CPU ?"}, {Environment.ProcessorCount} cores, {gib}, {os}, {RuntimeInformation.FrameworkDescription}";
    }

    /// <summary>The 1, 5 and 15 minute load averages ("?" where /proc has none).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
