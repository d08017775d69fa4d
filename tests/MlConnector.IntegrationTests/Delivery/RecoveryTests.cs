using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Cli;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Outbox;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Delivery;

public sealed class RecoveryTests
{
    private const string Phone = "+15557010401";

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Send_AcceptedThenDropped_HostRestarted_ReconciledAndSentExactlyOnce(DeliveryStore store)
    {
        await using var h = await DeliveryHarness.StartAsync(store, null, ("Twilio:BackoffBase", "00:00:10"));
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.AcceptThenDrop));
        var id = await h.EnqueueAsync(Phone, "GRN 99 received", "grn-99");

        await h.DriveUntilAsync(async () => (await h.AlertAsync(id)).Attempts == 1, TimeSpan.FromMilliseconds(100));
        var inDoubt = await h.AlertAsync(id);
        Assert.Equal(AlertStates.Pending, inDoubt.State);
        Assert.NotNull(inDoubt.InDoubtSince);

        await h.StopConnectorAsync();
        await h.StartConnectorAsync();
        await h.DriveUntilAsync(async () => (await h.AlertAsync(id)).MessageSid is not null, TimeSpan.FromSeconds(1));

        var message = Assert.Single(h.Simulator.Messages);
        Assert.Single(h.Simulator.CreateRequests);
        Assert.Equal(message.Sid, (await h.AlertAsync(id)).MessageSid);
        Assert.Contains(await h.AuditAsync(id), a => a.Kind == "attempt" && a.Detail!.Contains("reconciled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_FailedAlert_ThroughService_Delivered()
    {
        await using var h = await DeliveryHarness.StartAsync(null, ("Twilio:MaxAttempts", "1"));
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.ServerErrorJson));
        var id = await h.EnqueueAsync(Phone, "PO 5000 approved", "po-5000");
        await h.DriveUntilStateAsync(id, AlertStates.Failed);

        var outcome = await h.App.Services.GetRequiredService<ReplayService>()
            .ReplayAsync(id, "test:operator", "carrier outage over", TestContext.Current.CancellationToken);
        await h.DriveUntilStateAsync(id, AlertStates.Delivered);

        Assert.Equal(ReplayOutcome.Replayed, outcome);
        var replay = Assert.Single(await h.AuditAsync(id), a => a.Kind == "replay");
        Assert.Contains("carrier outage over", replay.Detail, StringComparison.Ordinal);
        Assert.Equal(2, h.Simulator.CreateRequests.Count);
    }

    [Fact]
    public async Task Replay_FailedAlerts_ThroughCli_Delivered()
    {
        // The CLI runs in its own process on the system clock, so the shared fake clock starts at the real time.
        var start = TimeProvider.System.GetUtcNow();
        await using var h = await DeliveryHarness.StartAsync(start, null, ("Twilio:MaxAttempts", "1"));
        h.Simulator.Faults.Enqueue(new TwilioFault(TwilioFaultKind.ServerErrorJson), 2);
        var first = await h.EnqueueAsync(Phone, "PO 5001 approved", "po-5001");
        var second = await h.EnqueueAsync("+15557010402", "PO 5002 approved", "po-5002");
        await h.DriveUntilAsync(async () => (await h.AlertAsync(first)).State == AlertStates.Failed
            && (await h.AlertAsync(second)).State == AlertStates.Failed, TimeSpan.FromMilliseconds(500), 20);
        var host = h.CliEnvironment;
        using var folder = new TempFolder();

        var one = await CliRunner.RunAsync(folder.Path, host, ["replay", first.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "retry one"]);
        var all = await CliRunner.RunAsync(folder.Path, host, ["replay", "--failed", "--since", start.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture), "--yes"]);
        var usage = await CliRunner.RunAsync(folder.Path, host, ["replay"]);
        var missing = await CliRunner.RunAsync(folder.Path, host, ["replay", "999"]);
        var help = await CliRunner.RunAsync(folder.Path, host, ["replay", "--help"]);
        Assert.True(all.ExitCode == ExitCodes.Ok, all.Output + all.Error);
        h.Activity.Wake();
        await h.DriveUntilAsync(async () => (await h.AlertAsync(first)).State == AlertStates.Delivered
            && (await h.AlertAsync(second)).State == AlertStates.Delivered, TimeSpan.FromMilliseconds(500));

        Assert.Equal(ExitCodes.Ok, one.ExitCode);
        Assert.Equal(ExitCodes.Ok, all.ExitCode);
        Assert.Contains("1 failed alert(s)", all.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, usage.ExitCode);
        Assert.Equal(ExitCodes.Failed, missing.ExitCode);
        Assert.Equal(ExitCodes.Ok, help.ExitCode);
        Assert.Contains("--failed", help.Output, StringComparison.Ordinal);
        Assert.Contains(await h.AuditAsync(first), a => a.Kind == "replay" && a.Detail!.Contains("retry one", StringComparison.Ordinal));
    }
}
