using System.Text.RegularExpressions;
using MlConnector.Bench.Harness.Processes;
using MlConnector.Bench.Harness.Setup;

namespace MlConnector.Bench.Harness.Simulators;

/// <summary>
/// One side's own SYSPRO and Twilio simulators, each a separate <c>ml-connector simulate</c> process on a free port,
/// so neither side shares load with the other. Both sides' SYSPRO simulators are seeded alike.
/// </summary>
public sealed partial class SimulatorPair : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(20); // generating 1,000,000 orders takes a while

    private SimulatorPair(ManagedProcess syspro, ManagedProcess twilio, Uri sysproUrl, Uri twilioUrl)
    {
        SysproProcess = syspro;
        TwilioProcess = twilio;
        Syspro = new SysproControl(sysproUrl);
        Twilio = new TwilioInspection(twilioUrl);
    }

    public ManagedProcess SysproProcess { get; private set; }

    public ManagedProcess TwilioProcess { get; }

    public SysproControl Syspro { get; private set; }

    public TwilioInspection Twilio { get; }

    public static async Task<SimulatorPair> StartAsync(Workspace workspace, string side, string folder, int purchaseOrders,
        int messagesPerSecond, CancellationToken ct)
    {
        var (twilio, twilioUrl) = await StartSimulatorAsync(workspace, $"{side} Twilio simulator", folder, "twilio",
            ["--messages-per-second", $"{messagesPerSecond}"], ct);
        ManagedProcess syspro;
        Uri sysproUrl;
        try
        {
            (syspro, sysproUrl) = await StartSysproAsync(workspace, side, folder, purchaseOrders, ct);
        }
        catch
        {
            await twilio.DisposeAsync();
            throw;
        }

        var pair = new SimulatorPair(syspro, twilio, sysproUrl, twilioUrl);
        try
        {
            await pair.Syspro.WarmUpAsync(ct);
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>Replaces the SYSPRO simulator with a freshly seeded one of another size (the size steps).</summary>
    public async Task RestartSysproAsync(Workspace workspace, string side, string folder, int purchaseOrders, CancellationToken ct)
    {
        Syspro.Dispose();
        await SysproProcess.DisposeAsync();
        (SysproProcess, var url) = await StartSysproAsync(workspace, side, folder, purchaseOrders, ct);
        Syspro = new SysproControl(url);
        await Syspro.WarmUpAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        Syspro.Dispose();
        Twilio.Dispose();
        await Task.WhenAll(SysproProcess.DisposeAsync().AsTask(), TwilioProcess.DisposeAsync().AsTask());
    }

    private static Task<(ManagedProcess, Uri)> StartSysproAsync(Workspace workspace, string side, string folder, int purchaseOrders,
        CancellationToken ct) =>
        StartSimulatorAsync(workspace, $"{side} SYSPRO simulator", folder, "syspro",
            ["--purchase-orders", $"{purchaseOrders}", "--seed", "1"], ct);

    /// <summary>
    /// Starts <c>ml-connector simulate KIND --urls URL --port PORT</c>: today the simulators take <c>--port</c> and
    /// ignore <c>--urls</c> (issue 11 fixes that); a build where <c>--port</c> is gone gets <c>--urls</c> alone. Either
    /// way the address the simulator prints must be the one asked for.
    /// </summary>
    private static async Task<(ManagedProcess, Uri)> StartSimulatorAsync(Workspace workspace, string name, string folder,
        string kind, string[] options, CancellationToken ct)
    {
        var port = FreePorts.Next();
        var url = $"http://127.0.0.1:{port}";
        var log = Path.Combine(folder, "logs", name.Replace(' ', '-') + ".log");
        string[][] attempts = [["--urls", url, "--port", $"{port}"], ["--urls", url]];
        foreach (var addressing in attempts)
        {
            var process = ManagedProcess.Start(name, workspace.ConnectorExecutable, ["simulate", kind, .. addressing, .. options],
                folder, new Dictionary<string, string>(StringComparer.Ordinal), log);
            try
            {
                var bound = new Uri((await process.WaitForLineAsync(Listening(), StartTimeout, ct)).Groups["url"].Value);
                if (bound.Port != port)
                {
                    throw new InvalidOperationException($"{name} was asked for {url} but listens on {bound}.");
                }

                return (process, bound);
            }
            catch (InvalidOperationException) when (process.HasExited && addressing.Contains("--port"))
            {
                await process.DisposeAsync(); // an executable without --port: try --urls alone
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }

        throw new InvalidOperationException($"{name} would not start on {url}; see {log}.");
    }

    [GeneratedRegex(@"simulator listening on (?<url>http://\S+)")]
    private static partial Regex Listening();
}
