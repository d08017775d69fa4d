using System.Globalization;
using System.Text.RegularExpressions;
using MlConnector.PeerComparison.Flow;
using MlConnector.PeerComparison.Processes;
using MlConnector.PeerComparison.Report;
using MlConnector.PeerComparison.Setup;
using MlConnector.Bench.Harness.Processes;
using MlConnector.Bench.Harness.Setup;
using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.PeerComparison.Sides;

/// <summary>
/// Node-RED 4.1.8 (one <c>node</c> process) running the generated flow against its own simulators. Poll durations
/// come from the flow's own timing: the "process page" node logs one <c>peer-poll</c> line when a set is read.
/// </summary>
internal sealed partial class FlowPeer : IPeer
{
    private const string PurchaseOrderSet = "PorMasterHdr";
    private static readonly string[] Sets = [PurchaseOrderSet, "ReqDetail", "ApInvoice"];

    private FlowPeer(ManagedProcess process, SimulatorPair simulators)
    {
        Process = process;
        Simulators = simulators;
    }

    public string Name => "Node-RED";

    public ManagedProcess Process { get; }

    public SimulatorPair Simulators { get; }

    /// <summary>Writes the flow (with this send limit) and settings into <paramref name="folder"/>/node-red and starts Node-RED.</summary>
    public static async Task<FlowPeer> StartAsync(Workspace workspace, string folder, SimulatorPair simulators,
        int cadenceSeconds, int messagesPerSecond, CancellationToken ct)
    {
        var userDirectory = Path.Combine(folder, "node-red");
        FlowGenerator.Write(userDirectory, cadenceSeconds, messagesPerSecond);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["SYSPRO_ODATA_URL"] = simulators.Syspro.ODataRoot.AbsoluteUri,
            ["SYSPRO_ODATA_USER"] = "odata",
            ["SYSPRO_ODATA_PASSWORD"] = "odata-password",
            ["TWILIO_API_URL"] = simulators.Twilio.ApiRoot.AbsoluteUri,
            ["TWILIO_ACCOUNT_SID"] = TwilioSimulatorDefaults.AccountSid,
            ["TWILIO_AUTH_TOKEN"] = TwilioSimulatorDefaults.AuthToken,
            ["TWILIO_FROM"] = TwilioSimulatorDefaults.From,
            ["SMS_TO"] = TwilioSimulatorDefaults.To,
        };
        var process = ManagedProcess.Start("Node-RED", "node",
            [NodeRedInstaller.Script(workspace), "--userDir", userDirectory, "--settings", Path.Combine(userDirectory, "settings.js")],
            userDirectory, environment, Path.Combine(folder, "logs", "node-red.log"));
        var peer = new FlowPeer(process, simulators);
        try
        {
            await process.WaitForLineAsync(StartedFlows(), TimeSpan.FromMinutes(3), ct);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    public async Task WaitForBaselineAsync(TimeSpan timeout, CancellationToken ct)
    {
        foreach (var set in Sets)
        {
            await Process.WaitForLineAsync(new Regex($@"peer-poll source={set} .*baseline=true"), timeout, ct);
        }
    }

    public Task<PollTimes> PollTimesAsync(CancellationToken ct)
    {
        var polls = Process.Lines.Select(l => PollLine().Match(l)).Where(m => m.Success && m.Groups["set"].Value == PurchaseOrderSet)
            .Select(m => (Baseline: m.Groups["baseline"].Value == "true", Rows: long.Parse(m.Groups["rows"].Value, CultureInfo.InvariantCulture),
                Duration: TimeSpan.FromMilliseconds(double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture))))
            .ToList();
        var first = polls.FirstOrDefault(p => p.Baseline);
        var repolls = polls.Where(p => !p.Baseline).Select(p => p.Duration).ToList();
        return Task.FromResult(new PollTimes(polls.Any(p => p.Baseline) ? first.Duration : null,
            repolls.Count > 0 ? Stats.Median(repolls) : null, repolls.Count, polls.Count > 0 ? polls[^1].Rows : 0));
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    [GeneratedRegex("Started flows")]
    private static partial Regex StartedFlows();

    [GeneratedRegex(@"peer-poll source=(?<set>\w+) rows=(?<rows>\d+) pages=\d+ events=\d+ ms=(?<ms>\d+) baseline=(?<baseline>true|false)")]
    private static partial Regex PollLine();
}
