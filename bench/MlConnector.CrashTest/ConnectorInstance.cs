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
        var url = _url;
        _starts++;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MLC_Syspro__OData__Password"] = "odata-password",
            ["MLC_Twilio__AuthToken"] = TwilioSimulatorDefaults.AuthToken,
            ["MLC_Polling__InstanceId"] = instanceId,
        };
        _process = ManagedProcess.Start($"ml-connector {instanceId} #{_starts}", workspace.ConnectorExecutable,
            ["run", "--urls", url.AbsoluteUri.TrimEnd('/'), "--config", settingsFile],
            folder, environment, Path.Combine(folder, "logs", $"{instanceId}.log"));
        Api = url;
        await WaitUntilLiveAsync(ct);
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

    private async Task WaitUntilLiveAsync(CancellationToken ct)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(2);
        while (true)
        {
            ThrowIfExited();
            try
            {
                using var response = await _http.GetAsync(new Uri(Api!, "health/live"), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"{instanceId} did not answer /health/live within 2 minutes. Last lines:\n  {_process!.Tail(10)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, ct);
        }
    }

    private void ThrowIfExited()
    {
        if (_process is { HasExited: true } p)
        {
            throw new InvalidOperationException($"{instanceId} exited with code {p.ExitCode}. Last lines:\n  {p.Tail(15)}");
        }
    }
}
