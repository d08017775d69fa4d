using System.Diagnostics;

namespace MlConnector.IntegrationTests.Infrastructure;

/// <summary>Runs the real ml-connector executable as a separate process, as an operator would.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(string workingFolder, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunWithInputAsync(workingFolder, environment, null, args);

    /// <summary>Runs with <paramref name="input"/> on standard input (for example a password for --password-stdin).</summary>
    public static async Task<Result> RunWithInputAsync(string workingFolder, IReadOnlyDictionary<string, string?>? environment,
        string? input, params string[] args)
    {
        var start = StartInfo(workingFolder, args);
        start.RedirectStandardInput = input is not null;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>How to start the executable with <paramref name="args"/>, output redirected, without the test
    /// process's MLC_MASTER_KEY (a test gives the key it means).</summary>
    public static ProcessStartInfo StartInfo(string? workingFolder, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", typeof(Program).Assembly.Location }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("MLC_MASTER_KEY");
        return start;
    }
}
