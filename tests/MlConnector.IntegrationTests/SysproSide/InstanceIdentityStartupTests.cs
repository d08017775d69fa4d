using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlConnector.Cli;
using MlConnector.Detection;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Rules;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>
/// Polling:InstanceId names an instance in its rule leases. Two live processes under one id (a copied settings file)
/// must not both poll; a process that restarts under its id (systemd) takes over what its dead predecessor held at once;
/// a restart under a new id waits only until the dead holder's short lease lapses, not a cadence.
/// </summary>
public sealed class InstanceIdentityStartupTests
{
    // Without an id the setting is left out (the default), not given empty: an empty id is a mistake the settings refuse.
    private static Dictionary<string, string?> Polling(string? instanceId = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Polling:Enabled"] = "true",
            ["Polling:StartJitter"] = "00:00:00",
            ["Rules:po-submitted:Cadence"] = "00:05:00",
            ["Rules:po-approved:Enabled"] = "false",
            ["Rules:invoice-posted:Enabled"] = "false",
            ["Rules:requisition-approved:Enabled"] = "false",
        };
        if (instanceId is not null)
        {
            settings["Polling:InstanceId"] = instanceId;
        }

        return settings;
    }

    [Fact]
    public async Task Run_AnotherLiveProcessHasTheSameInstanceId_ExitsWith2NamingPollingInstanceId()
    {
        var ct = TestContext.Current.CancellationToken;
        // The live instance runs on the real clock here: the second one is a separate process and watches its heartbeat.
        using var host = new TestHostBuilder().With("Polling:Enabled", "false").With("Polling:InstanceId", "site-1")
            .With("Polling:HeartbeatInterval", "00:00:01");
        await using var live = await host.StartAsync();

        var (exitCode, error) = await RunAsync(host.Environment, ["run", "--urls", "http://127.0.0.1:0"], TimeSpan.FromSeconds(60));

        Assert.True(exitCode == ExitCodes.Configuration, $"exit code {exitCode}; standard error: {error}");
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Polling:InstanceId", line, StringComparison.Ordinal);
        Assert.Contains("site-1", line, StringComparison.Ordinal);
        await live.StopAsync(ct);
    }

    [Fact]
    public async Task Start_AnotherLiveInstanceHasTheSameId_RefusesNamingPollingInstanceId()
    {
        var settings = new Dictionary<string, string?> { ["Polling:InstanceId"] = "site-1" };
        await using var live = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: settings);
        var interval = live.App.Services.GetRequiredService<IOptions<PollingOptions>>().Value.HeartbeatInterval;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SysproSideHarness.StartAsync(SysproTransport.OData,
            settings: settings, sharing: live, whileStarting: async starting =>
            {
                var registry = starting.Services.GetRequiredService<InstanceRegistry>();
                await registry.Watching.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
                var beats = await BeatsAsync(live, "site-1");
                live.Time.Advance(interval); // the live instance beats...
                await Eventually.TrueAsync(async () => await BeatsAsync(live, "site-1") > beats, "a heartbeat of the live instance");
                live.Time.Advance(registry.CheckWait - interval); // ...while the new one watches
            }));

        var message = Assert.Single(error.Failures);
        Assert.Contains("Polling:InstanceId 'site-1' is in use by another instance", message, StringComparison.Ordinal);
        Assert.Equal("site-1", live.PollerInstance);
    }

    [Fact]
    public async Task Restart_UnderTheSameIdAfterACrash_TakesOverTheRulesItsPredecessorHeldAtOnce()
    {
        var first = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: Polling("site-1"));
        try
        {
            await PollsAsync(first, 1);
            await first.CrashAsync();

            await using var second = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: Polling("site-1"),
                sharing: first, whileStarting: async starting =>
                {
                    var registry = starting.Services.GetRequiredService<InstanceRegistry>();
                    await registry.Watching.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
                    first.Time.Advance(registry.CheckWait); // no heartbeat: the predecessor is dead
                });
            await PollsAsync(second, 1);

            var poll = second.App.Services.GetRequiredService<PollTracker>().Last[RulePresets.PoSubmitted];
            Assert.Null(poll.HeldBy); // polled at once: the dead process's lease (seconds still to run) was freed
            Assert.Null(poll.Error);
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restart_UnderANewIdAfterACrash_PollsAsSoonAsTheDeadHoldersShortLeaseLapses()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: Polling());
        try
        {
            await PollsAsync(first, 1);
            var dead = first.PollerInstance;
            await first.CrashAsync(); // kill -9: nothing stopped cleanly, nothing released

            await using var second = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: Polling(), sharing: first);
            var tracker = second.App.Services.GetRequiredService<PollTracker>();
            await PollsAsync(second, 1);
            Assert.Equal(dead, tracker.Last[RulePresets.PoSubmitted].HeldBy);

            // The cadence is 5 minutes; the dead holder's lease lapses within seconds and the rule is tried again then.
            for (var polls = 2; polls <= 5 && tracker.Last[RulePresets.PoSubmitted].HeldBy is not null; polls++)
            {
                second.Time.Advance(TimeSpan.FromSeconds(15));
                await PollsAsync(second, polls);
            }

            Assert.Null(tracker.Last[RulePresets.PoSubmitted].HeldBy);
            Assert.Null(tracker.Last[RulePresets.PoSubmitted].Error);
            Assert.True(second.Time.GetUtcNow() - SysproSideHarness.NewClock().GetUtcNow() <= TimeSpan.FromMinutes(1),
                "taken over within a minute of the crash");
        }
        finally
        {
            await first.DisposeAsync();
        }

        _ = ct;
    }

    private static async Task<long> BeatsAsync(SysproSideHarness harness, string instanceId)
    {
        await using var connection = await harness.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT beats FROM instances WHERE instance_id = @instanceId", new { instanceId });
    }

    private static Task PollsAsync(SysproSideHarness harness, int count) =>
        harness.App.Services.GetRequiredService<PollTracker>()
            .WaitForPollsAsync(RulePresets.PoSubmitted, count, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    /// <summary>The executable as a separate process, killed if it has not exited within <paramref name="limit"/>.</summary>
    private static async Task<(int ExitCode, string Error)> RunAsync(IReadOnlyDictionary<string, string?> environment,
        string[] args, TimeSpan limit)
    {
        using var folder = new TempFolder();
        var start = CliRunner.StartInfo(folder.Path, args);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, await error + " (still running after " + limit + "; killed)");
        }

        _ = await output;
        return (process.ExitCode, await error);
    }
}
