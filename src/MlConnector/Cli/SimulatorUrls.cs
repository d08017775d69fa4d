using System.CommandLine;

namespace MlConnector.Cli;

/// <summary>Every program honours <c>--urls</c> (design.md, Decisions: ports): for a simulator it wins over
/// <c>--host</c> and <c>--port</c>.</summary>
internal static class SimulatorUrls
{
    public static Option<string?> Option() => new("--urls")
    {
        Description = "Addresses to listen on, e.g. http://127.0.0.1:0 for a free port (instead of --host and --port).",
    };

    public static string Of(ParseResult result, Option<string?> urls, Option<string> host, Option<int> port) =>
        result.GetValue(urls) ?? $"http://{result.GetValue(host)}:{result.GetValue(port)}";
}
