using BenchmarkDotNet.Running;

namespace MlConnector.Benchmarks;

// A class of its own in this namespace: the connector's top-level Program would otherwise clash with this one.
public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project bench/MlConnector.Benchmarks -- --filter '*'</c> runs them all; add
    /// <c>--job short</c> for a quick look (bench/README.md).
    /// </summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
