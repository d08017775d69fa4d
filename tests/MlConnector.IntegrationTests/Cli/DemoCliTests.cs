using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlConnector.IntegrationTests.Infrastructure;

namespace MlConnector.IntegrationTests.Cli;

/// <summary>The README's first command, run as a user would: texts arrive, and a stop signal ends it cleanly.</summary>
public sealed partial class DemoCliTests
{
    [Fact]
    public async Task Demo_NothingConfigured_TextsArriveAndSigtermStopsItCleanly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "sends SIGTERM");
        using var folder = new TempFolder();
        using var process = Process.Start(CliRunner.StartInfo(folder.Path, ["demo", "--urls", "http://127.0.0.1:0",
            "--syspro-url", "http://127.0.0.1:0", "--twilio-url", "http://127.0.0.1:0", "--pace", "00:00:02", "--purchase-orders", "500"]))!;
        var output = new List<string>();
        var inspection = new TaskCompletionSource<string>();
        var dashboardUrl = new TaskCompletionSource<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
            }

            if (WatchLine().Match(e.Data) is { Success: true } m)
            {
                inspection.TrySetResult(m.Groups[1].Value);
            }

            if (DashboardLine().Match(e.Data) is { Success: true } d)
            {
                dashboardUrl.TrySetResult(d.Groups[1].Value);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await inspection.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            using var http = new HttpClient();
            var delivered = 0;
            for (var i = 0; i < 120 && delivered == 0; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
                using var messages = JsonDocument.Parse(await http.GetStringAsync(new Uri(url), TestContext.Current.CancellationToken));
                delivered = messages.RootElement.EnumerateArray().Count(m => m.GetProperty("status").GetString() == "delivered");
            }

            Assert.True(delivered > 0, "no text reached the simulated Twilio: " + string.Join('\n', output));
            var dashboard = await dashboardUrl.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            var alerts = await http.GetStringAsync(new Uri(new Uri(dashboard), "alerts"), TestContext.Current.CancellationToken);
            var overview = await http.GetStringAsync(new Uri(dashboard), TestContext.Current.CancellationToken);
            Assert.Contains("delivered", overview, StringComparison.Ordinal);
            Assert.Contains("alert(s).", alerts, StringComparison.Ordinal);
            Assert.DoesNotContain(" 0 alert(s).", alerts, StringComparison.Ordinal);

            // A verb run beside the demo folder uses the demo's settings file, which the strict checks accept.
            var validate = await CliRunner.RunAsync(folder.Path, null, "config", "validate");
            Assert.True(validate.ExitCode == 0, validate.Error);
            var listed = await CliRunner.RunAsync(folder.Path, null, "alerts", "list");
            Assert.True(listed.ExitCode == 0, listed.Error);
            Assert.Contains($"ml-connector: settings: {Path.Combine(folder.Path, "ml-connector-demo", "settings.json")} (the demo's", listed.Error, StringComparison.Ordinal);
            Assert.Contains("ml-connector: database: SQLite file ", listed.Error, StringComparison.Ordinal);
            Assert.Contains(Path.Combine("ml-connector-demo", "data", "ml-connector.db"), listed.Error, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(?m)^0 alert\(s\)", listed.Output);

            // The demo's first incident: Twilio refused the first text once (rate limit) and the connector sent it again.
            lock (output)
            {
                Assert.Contains(output, line => line.Contains("Twilio will refuse the first text once", StringComparison.Ordinal));
            }

            var retried = await CliRunner.RunAsync(folder.Path, null, "alerts", "list", "--json");
            Assert.Matches("\"attempts\":\\s*2", retried.Output);
        }
        finally
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, process.ExitCode);
        Assert.True(File.Exists(folder.Combine("ml-connector-demo", "keys", "master.key")));
        Assert.True(File.Exists(folder.Combine("ml-connector-demo", "data", "ml-connector.db")));
    }

    [GeneratedRegex("watch the texts arrive at (\\S+)")]
    private static partial Regex WatchLine();

    [GeneratedRegex("the dashboard is at (\\S+)")]
    private static partial Regex DashboardLine();
}
