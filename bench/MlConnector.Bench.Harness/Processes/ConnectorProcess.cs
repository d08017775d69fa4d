using MlConnector.Bench.Harness.Setup;
using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.Bench.Harness.Processes;

/// <summary>
/// Starts the published <c>ml-connector run</c> at a loopback address with a settings file, the passwords in the
/// environment as the README asks (fake ones: the simulators'), and waits until it answers <c>/health/live</c>.
/// </summary>
public static class ConnectorProcess
{
    public static async Task<ManagedProcess> StartAsync(Workspace workspace, string name, Uri url, string settingsFile,
        string workingDirectory, string logPath, IReadOnlyDictionary<string, string> extraEnvironment, TimeSpan liveTimeout,
        CancellationToken ct)
    {
        var environment = new Dictionary<string, string>(extraEnvironment, StringComparer.Ordinal)
        {
            ["MLC_Syspro__OData__Password"] = "odata-password",
            ["MLC_Twilio__AuthToken"] = TwilioSimulatorDefaults.AuthToken,
        };
        var process = ManagedProcess.Start(name, workspace.ConnectorExecutable,
            ["run", "--urls", url.AbsoluteUri.TrimEnd('/'), "--config", settingsFile], workingDirectory, environment, logPath);
        try
        {
            await WaitUntilLiveAsync(process, url, liveTimeout, ct);
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitUntilLiveAsync(ManagedProcess process, Uri url, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited with code {process.ExitCode}. Last lines:\n  {process.Tail(15)}");
            }

            try
            {
                using var response = await http.GetAsync("health/live", deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{process.Name} did not answer /health/live within {timeout}. Last lines:\n  {process.Tail(10)}");
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{process.Name} did not answer /health/live within {timeout}. Last lines:\n  {process.Tail(10)}");
            }
        }
    }
}
