using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlConnector.Bench.Harness.Setup;
using MlConnector.Bench.Harness.Simulators;

namespace MlConnector.CrashTest;

/// <summary>
/// One crash run: simulators, the connector instance(s) on SQLite or a fresh PostgreSQL database, a baseline poll,
/// then <see cref="CrashPlan.Kills"/> rounds of (business changes while an instance lives, SIGKILL at a random
/// moment, restart), then a drain, and the count of what Twilio received against what the changes call for.
/// </summary>
internal sealed class CrashRun(Workspace workspace, CrashPlan plan)
{
    private static readonly string[] Rules = ["po-submitted", "po-approved"];
    private static readonly string[] FaultKinds = ["tooManyRequests", "tooManyRequestsNoBody", "serverErrorJson", "serverErrorHtml", "hang", "acceptThenDrop"];

    public async Task<CrashFigures> RunAsync(CancellationToken ct)
    {
        var random = new Random(plan.Seed);
        var started = TimeProvider.System.GetUtcNow();
        var folder = workspace.NewRunFolder($"crash-{plan.Store.ToLowerInvariant()}-{plan.Instances}", started);
        Console.WriteLine($"Crash run: {plan.Kills} kills, {plan.Instances} instance(s) on {plan.Store}, seed {plan.Seed}; files in {folder}");
        await using var database = plan.PostgresAdmin is null ? null : await PostgresDatabase.CreateAsync(plan.PostgresAdmin, ct);
        // The seed leaves about 3 % of its orders in status 0 or 1 (the newest twentieth): 40,000 give about 1,200 orders
        // to change, enough for 100 kills of 8 + 1 changes each (20,000 ran out after about 570 changes).
        await using var simulators = await SimulatorPair.StartAsync(workspace, "crash", folder, purchaseOrders: 40_000, messagesPerSecond: 10, ct);
        var settingsFile = await WriteSettingsAsync(folder, simulators, database?.ConnectionString, ct);

        var instances = Enumerable.Range(1, plan.Instances)
            .Select(i => new ConnectorInstance(workspace, folder, settingsFile, $"crash-{i}"))
            .ToList();
        try
        {
            foreach (var instance in instances)
            {
                await instance.StartAsync(ct);
            }

            await instances[0].WaitForBaselineAsync(Rules.Length, TimeSpan.FromMinutes(3), ct);
            var expected = new ExpectedTexts();
            var changes = new BusinessChanges(simulators.Syspro, expected, random);
            var clock = Stopwatch.StartNew();
            for (var kill = 1; kill <= plan.Kills; kill++)
            {
                await LiveRoundAsync(changes, simulators.Twilio, random, ct);
                var victim = instances[random.Next(instances.Count)];
                await victim.KillAsync();
                await changes.MakeOneAsync(ct); // a change while it is down
                await victim.StartAsync(ct);
                if (kill % 10 == 0)
                {
                    Console.WriteLine($"  {kill} kills, {changes.Made} changes, {clock.Elapsed:mm\\:ss}");
                }
            }

            Console.WriteLine("Draining ...");
            var tally = await DrainAsync(instances[0], simulators.Twilio, expected, ct);
            await simulators.Twilio.SaveAsync(Path.Combine(folder, "twilio"), ct);
            var pending = await instances[0].CountAsync("pending", ct);
            var sent = await instances[0].CountAsync("sent", ct);
            return new CrashFigures(plan, started, changes.Made, tally, pending, sent, clock.Elapsed, folder);
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    /// <summary>Changes spread over a random life; now and then a Twilio fault for the next few sends.</summary>
    private async Task LiveRoundAsync(BusinessChanges changes, TwilioInspection twilio, Random random, CancellationToken ct)
    {
        var life = TimeSpan.FromSeconds(0.5 + (random.NextDouble() * (plan.MaxLifeSeconds - 0.5)));
        if (plan.TwilioFaults && random.Next(3) == 0)
        {
            await twilio.InjectFaultAsync(FaultKinds[random.Next(FaultKinds.Length)], 1 + random.Next(3), ct);
        }

        var gap = life / Math.Max(1, plan.ChangesPerKill - 1);
        for (var i = 0; i < plan.ChangesPerKill - 1; i++)
        {
            await changes.MakeOneAsync(ct);
            await Task.Delay(gap, TimeProvider.System, ct);
        }
    }

    /// <summary>Waits until every expected text arrived and no alert is pending or sent without a final status, or
    /// until nothing moved for a while.</summary>
    private async Task<CrashTally> DrainAsync(ConnectorInstance instance, TwilioInspection twilio, ExpectedTexts expected, CancellationToken ct)
    {
        var deadline = TimeProvider.System.GetUtcNow() + plan.DrainTimeout;
        var last = (Received: -1, Open: -1L);
        var lastMove = TimeProvider.System.GetUtcNow();
        while (true)
        {
            var tally = expected.Tally(await twilio.MessagesAsync(ct));
            var pending = await instance.CountAsync("pending", ct) + await instance.CountAsync("sent", ct);
            var now = TimeProvider.System.GetUtcNow();
            if ((tally.Received, pending) != last)
            {
                (last, lastMove) = ((tally.Received, pending), now);
            }

            if ((tally.Lost == 0 && pending == 0 && now - lastMove > TimeSpan.FromSeconds(plan.CadenceSeconds * 3))
                || now - lastMove > plan.DrainQuiet || now > deadline)
            {
                return tally;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, ct);
        }
    }

    private async Task<string> WriteSettingsAsync(string folder, SimulatorPair simulators, string? postgres, CancellationToken ct)
    {
        var keyFile = Path.Combine(folder, "master.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ct);
        var settings = ConnectorSettings.Create(Rules, simulators, Path.Combine(folder, "data"), keyFile, plan.CadenceSeconds, messagesPerSecond: 10);
        settings["Outbox"] = new JsonObject { ["StatusCheckAfter"] = plan.StatusCheckAfter.ToString("c", CultureInfo.InvariantCulture) };
        if (postgres is not null)
        {
            settings["Storage"]!["Provider"] = "Postgres";
            settings["Storage"]!["ConnectionString"] = postgres;
        }

        var path = Path.Combine(folder, "settings.json");
        await File.WriteAllTextAsync(path, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), ct);
        return path;
    }
}
