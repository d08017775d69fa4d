using MlConnector.Cli;

namespace MlConnector.IntegrationTests.Infrastructure;

/// <summary>Runs the command line in this process (the same entry the executable has), its output captured: fast
/// enough for many cases, where a separate process is not what the test is about.</summary>
public static class InProcessCli
{
    public static async Task<CliRunner.Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.InvokeAsync(args, output, error, TestContext.Current.CancellationToken);
        return new CliRunner.Result(code, output.ToString(), error.ToString());
    }
}
