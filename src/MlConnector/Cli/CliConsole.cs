namespace MlConnector.Cli;

/// <summary>Where a verb writes, and the host settings given on its command line. The console, unless an in-process
/// caller (a test) runs the command line with writers of its own; flows with the async calls of one invocation.</summary>
internal static class CliConsole
{
    private static readonly AsyncLocal<Invocation?> Current = new();

    public static TextWriter Out => Current.Value?.Output ?? Console.Out;

    public static TextWriter Error => Current.Value?.Error ?? Console.Error;

    /// <summary>The <c>--Section:Key=value</c> tokens of this command line, for the host.</summary>
    public static IReadOnlyList<string> HostSettings => Current.Value?.HostSettings ?? [];

    public static void Begin(TextWriter? output, TextWriter? error, IReadOnlyList<string> hostSettings) =>
        Current.Value = new Invocation(output, error, hostSettings);

    private sealed record Invocation(TextWriter? Output, TextWriter? Error, IReadOnlyList<string> HostSettings);
}
