using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlConnector.PeerComparison.Processes;
using MlConnector.PeerComparison.Report;
using MlConnector.PeerComparison.Setup;
using MlConnector.Bench.Harness.Processes;
using MlConnector.Bench.Harness.Setup;
using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.PeerComparison.Sides;

/// <summary>
/// The published <c>ml-connector run</c> with the five rules every cadence against its own simulators, SQLite in its
/// own folder. Poll durations come from the connector's poll records (<c>GET /api/rules/{id}</c>, open to loopback
/// while no user exists); the purchase-order figure is rule <c>po-cancelled</c>, whose working set (open and
/// cancelled orders) is the one the flow reads.
/// </summary>
internal sealed class ConnectorPeer : IPeer
{
    public const string PurchaseOrderRule = "po-cancelled";
    public static readonly IReadOnlyList<string> Rules = ["po-submitted", "po-approved", "po-cancelled", "requisition-approved", "invoice-posted"];
    private readonly HttpClient _http;
    private TimeSpan? _firstPoll;
    private DateTimeOffset? _firstPollAt;

    private ConnectorPeer(ManagedProcess process, SimulatorPair simulators, Uri url)
    {
        Process = process;
        Simulators = simulators;
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(1) };
    }

    public string Name => "ml-connector";

    public ManagedProcess Process { get; }

    public SimulatorPair Simulators { get; }

    /// <summary>Starts the service in <paramref name="folder"/> (settings, data and key kept there across restarts).</summary>
    public static async Task<ConnectorPeer> StartAsync(Workspace workspace, string folder, SimulatorPair simulators,
        int cadenceSeconds, int messagesPerSecond, CancellationToken ct)
    {
        var home = Path.Combine(folder, "connector");
        var keyFolder = Path.Combine(folder, "connector-key");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(keyFolder);
        var keyFile = Path.Combine(keyFolder, "master.key");
        if (!File.Exists(keyFile))
        {
            await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ct);
        }

        // HoldAbove 0: a send step's burst (1,000 alerts from one poll) goes out, as the flow's does; with the default
        // (50) it waits for an operator's release and the step measures nothing.
        var settings = ConnectorSettings.Create(Rules, simulators, Path.Combine(home, "data"), keyFile, cadenceSeconds, messagesPerSecond,
            holdAbove: 0);
        await File.WriteAllTextAsync(Path.Combine(home, "settings.json"), settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), ct);

        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        var process = await ConnectorProcess.StartAsync(workspace, "ml-connector run", url, Path.Combine(home, "settings.json"),
            home, Path.Combine(folder, "logs", "ml-connector.log"), new Dictionary<string, string>(), TimeSpan.FromMinutes(3), ct);
        return new ConnectorPeer(process, simulators, url);
    }

    public async Task WaitForBaselineAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                ThrowIfExited();
                var rules = await _http.GetFromJsonAsync<JsonArray>("api/rules", deadline.Token) ?? [];
                var polled = rules.OfType<JsonObject>().Count(r =>
                    r["lastPollAt"]?.GetValue<DateTimeOffset>() is { } at && at >= Process.StartedAt && r["lastError"] is null);
                if (polled >= Rules.Count)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"ml-connector did not poll all {Rules.Count} rules within {timeout}. Last lines:\n  {Process.Tail(10)}");
        }

        if (_firstPoll is null && (await RunsAsync(ct)).LastOrDefault(r => r.Error is null) is { } first)
        {
            (_firstPoll, _firstPollAt) = (first.Duration, first.StartedAt);
        }
    }

    public async Task<PollTimes> PollTimesAsync(CancellationToken ct)
    {
        var runs = await RunsAsync(ct);
        var repolls = runs.Where(r => r.Error is null && r.StartedAt != _firstPollAt).Select(r => r.Duration).ToList();
        return new PollTimes(_firstPoll, repolls.Count > 0 ? Stats.Median(repolls) : null, repolls.Count,
            runs.Count > 0 ? runs[0].Rows : 0);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _http.Dispose();
    }

    private async Task<List<(DateTimeOffset StartedAt, TimeSpan Duration, long Rows, string? Error)>> RunsAsync(CancellationToken ct)
    {
        var detail = await _http.GetFromJsonAsync<JsonObject>($"api/rules/{PurchaseOrderRule}", ct);
        return [.. (detail?["recentRuns"] as JsonArray ?? []).OfType<JsonObject>().Select(r => (
            r["startedAt"]!.GetValue<DateTimeOffset>(),
            TimeSpan.FromMilliseconds(r["durationMs"]!.GetValue<long>()),
            r["rowsRead"]!.GetValue<long>(),
            (string?)r["error"]))];
    }

    private void ThrowIfExited()
    {
        if (Process.HasExited)
        {
            throw new InvalidOperationException($"ml-connector exited with code {Process.ExitCode}. Last lines:\n  {Process.Tail(15)}");
        }
    }
}
