using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapper;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.TwoWay;

/// <summary>Two-way texts with the connector as a process on the real clock (issue 16): nobody answers the buyer, the
/// backup is texted, and the backup's bare "OK" closes the event and is confirmed.</summary>
public sealed class TwoWayProcessTests
{
    [Fact]
    public async Task AsAProcess_NobodyReplies_TheBackupIsTexted_AndTheirOkIsConfirmed()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "sends SIGTERM");
        var ct = TestContext.Current.CancellationToken;
        await using var syspro = await SysproSimulator.StartAsync(new SysproSimulatorOptions { PurchaseOrders = 200 }, TimeProvider.System,
            "http://127.0.0.1:0", ct);
        await using var twilio = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), TimeProvider.System, "http://127.0.0.1:0", ct);
        using var host = new TestHostBuilder().WithSyspro(syspro).WithTwilio(twilio)
            .With("Syspro:Transport", "OData")
            .WithPerson("buyer", "Pat Procurement", TwoWayHarness.Buyer, "procurement")
            .WithPerson("backup", "Bo Backup", TwoWayHarness.Backup, "backups")
            .WithRuleTexting("po-approved", "procurement")
            .With("Rules:po-approved:Cadence", "00:00:05")
            .With("Rules:po-approved:Acknowledge:Escalate:After", "00:00:02")
            .With("Rules:po-approved:Acknowledge:Escalate:To:People:0", "backup");
        var port = FreePort();
        twilio.Options.InboundWebhookUrl = new Uri($"http://127.0.0.1:{port}/webhooks/twilio/inbound");
        var start = CliRunner.StartInfo(host.Root, ["run", "--urls", $"http://127.0.0.1:{port}"]);
        foreach (var (key, value) in host.Environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await UntilAsync(async () => await PollsAsync(host) > 0, "the rule's first poll", output);
            var data = syspro.Data;
            var po = data.CreatePurchaseOrder(data.SupplierNamed("O'Brien & Sons").Supplier, "B01", 3, 10m);
            data.SubmitPurchaseOrder(po.PurchaseOrder);
            data.ApprovePurchaseOrder(po.PurchaseOrder);

            await UntilAsync(() => Task.FromResult(TextsTo(twilio, TwoWayHarness.Buyer).Count == 1), "the buyer's text", output);
            var reference = TwoWayHarness.ReferenceOf(TextsTo(twilio, TwoWayHarness.Buyer)[0]);
            await UntilAsync(() => Task.FromResult(TextsTo(twilio, TwoWayHarness.Backup).Count == 1), "the escalation to the backup", output);
            Assert.StartsWith("Not yet confirmed by Pat Procurement: PO ", TextsTo(twilio, TwoWayHarness.Backup)[0], StringComparison.Ordinal);

            await twilio.InjectInboundAsync(TwoWayHarness.Backup, "OK", ct);
            await UntilAsync(() => Task.FromResult(TextsTo(twilio, TwoWayHarness.Backup).Count == 2), "the confirmation", output);
            Assert.Equal($"Thank you: {reference} is confirmed.", TextsTo(twilio, TwoWayHarness.Backup)[1]);
        }
        finally
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync(ct);
            }

            await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
    }

    private static List<string> TextsTo(TwilioSimulator twilio, string phone) =>
        twilio.Messages.Where(m => m.To == phone && m.Direction != "inbound").Select(m => m.Body ?? "").ToList();

    private static async Task<long> PollsAsync(TestHostBuilder host)
    {
        try
        {
            await using var connection = await host.Dialect().OpenAsync(TestContext.Current.CancellationToken);
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM poll_runs");
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return 0; // not created yet
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> done, string what, StringBuilder output)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        lock (output)
        {
            Assert.Fail($"no {what} within a minute; the connector said:\n{output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
