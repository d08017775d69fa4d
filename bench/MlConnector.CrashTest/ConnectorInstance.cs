using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MlConnector.Bench.Harness.Processes;
using MlConnector.Bench.Harness.Setup;
using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.CrashTest;

/// <summary>
/// One <c>ml-connector run</c> under a fixed instance id, started over and over in the same folder: its settings,
/// data and key survive a kill, as they would under systemd. Its API answers loopback without sign-in while the
/// site has no users.
/// </summary>
internal sealed class ConnectorInstance(Workspace workspace, string folder, string settingsFile, string instanceId) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    // One port for the instance's whole life, as under systemd: a restarted instance gets the callbacks Twilio sends.
    private readonly Uri _url = new($"http://127.0.0.1:{FreePorts.Next()}/");
    private ManagedProcess? _process;
    private int _starts;

    public string InstanceId => instanceId;

    public DateTimeOffset StartedAt => _process?.StartedAt ?? DateTimeOffset.MinValue;

    public async Task StartAsync(CancellationToken ct)
    {
        _starts++;
        _process = await ConnectorProcess.StartAsync(workspace, $"ml-connector {instanceId} #{_starts}", _url, settingsFile,
            folder, Path.Combine(folder, "logs", $"{instanceId}.log"),
            new Dictionary<string, string> { ["MLC_Polling__InstanceId"] = instanceId }, TimeSpan.FromMinutes(2), ct);
        Api = _url;
    }

    public Uri? Api { get; private set; }

    /// <summary>SIGKILL: no shutdown code runs, a send or a poll in flight is cut wherever it is.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Every rule has polled once without an error (the baseline: the first poll texts nobody).</summary>
    public async Task WaitForBaselineAsync(int rules, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            ThrowIfExited();
            var list = await _http.GetFromJsonAsync<JsonArray>(new Uri(Api!, "api/rules"), ct) ?? [];
            if (list.OfType<JsonObject>().Count(r => r["lastPollAt"] is not null && r["lastError"] is null) >= rules)
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"{instanceId}: the rules did not all poll within {timeout}. Last lines:\n  {_process!.Tail(10)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, ct);
        }
    }

    /// <summary>How many alerts are in <paramref name="state"/> (the list's total).</summary>
    public async Task<long> CountAsync(string state, CancellationToken ct)
    {
        var page = await _http.GetFromJsonAsync<JsonObject>(new Uri(Api!, $"api/alerts?state={state}&pageSize=1"), ct);
        return page?["total"]?.GetValue<long>() ?? 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _http.Dispose();
    }

    private void ThrowIfExited()
    {
        if (_process is { HasExited: true } p)
        {
            throw new InvalidOperationException($"{instanceId} exited with code {p.ExitCode}. Last lines:\n  {p.Tail(15)}");
        }
    }
}
