using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Alerts;
using MlConnector.Detection;
using MlConnector.IntegrationTests.Delivery;
using MlConnector.IntegrationTests.SysproSide;
using MlConnector.Outbox;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Twilio;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.ExactlyOnce;

/// <summary>
/// The SYSPRO and Twilio simulators, one store (a SQLite file or a fresh PostgreSQL database) and one or more connector
/// instances on one fake clock. An instance can be killed at any moment (its host goes without stopping, as under
/// kill -9) and restarted under its own <c>Polling:InstanceId</c>, as systemd would. Rules are polled by hand, so the
/// model knows exactly which SYSPRO state each completed poll saw; the dispatchers run on their own, the clock moving
/// only while every live one waits on it.
/// </summary>
internal sealed class ModelWorld : IAsyncDisposable
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);
    private readonly SysproSideHarness _owner;
    private readonly SysproSideHarness?[] _instances;
    private readonly List<SysproSideHarness> _killed = [];
    private readonly PostgresTestDatabase? _database;

    private ModelWorld(SysproSideHarness owner, int instances, PostgresTestDatabase? database)
    {
        _owner = owner;
        _instances = new SysproSideHarness?[instances];
        _instances[0] = owner;
        _database = database;
    }

    public FakeTimeProvider Time => _owner.Time;

    public SysproSimulator Syspro => _owner.Simulator;

    public TwilioSimulator Twilio => _owner.Twilio!;

    public int Instances => _instances.Length;

    public int Kills => _killed.Count;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IEnumerable<SysproSideHarness> Live => _instances.OfType<SysproSideHarness>();

    public static async Task<ModelWorld> StartAsync(DeliveryStore store, int instances)
    {
        var database = store == DeliveryStore.Postgres ? await PostgresTestDatabase.CreateAsync() : null;
        var owner = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: Settings(0), purchaseOrders: 300,
            withTwilio: true, postgresConnectionString: database?.ConnectionString, customize: KeepLogs);
        var world = new ModelWorld(owner, instances, database);
        for (var i = 1; i < instances; i++)
        {
            world._instances[i] = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: Settings(i),
                withTwilio: true, sharing: owner, postgresConnectionString: database?.ConnectionString, customize: KeepLogs);
        }

        return world;
    }

    /// <summary>The warnings and errors the live instances logged, the last <paramref name="count"/> (for a failure's
    /// report: what the connector itself said).</summary>
    public IEnumerable<string> RecentWarnings(int count) => Live
        .SelectMany(i => i.App.Services.GetFakeLogCollector().GetSnapshot())
        .Where(r => r.Level >= LogLevel.Warning)
        .OrderBy(r => r.Timestamp)
        .TakeLast(count)
        .Select(r => $"{r.Timestamp:HH:mm:ss.fff} {r.Level} {r.Category}: {r.Message} {r.Exception?.GetType().Name}");

    private static void KeepLogs(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) => builder.Logging.AddFakeLogging();

    /// <summary>Polls the rule on instance <paramref name="preferred"/> (or the one holding the rule) until a poll
    /// completes; null then, otherwise what went wrong.</summary>
    public async Task<string?> PollAsync(string rule, int preferred)
    {
        var instance = preferred % Instances;
        for (var tries = 0; tries < 40; tries++)
        {
            var harness = _instances[instance]!;
            var poll = await harness.Poller.PollAsync(harness.Rule(rule), Ct);
            if (poll.Error is not null)
            {
                return $"the poll of {rule} on {Id(instance)} failed: {poll.Error}";
            }

            if (poll.HeldBy is null)
            {
                return null;
            }

            var holder = Array.FindIndex(_instances, h => h?.PollerInstance == poll.HeldBy);
            if (holder >= 0 && holder != instance)
            {
                instance = holder;
                continue;
            }

            await StepAsync(TimeSpan.FromSeconds(5)); // held by a dead process: its lease lapses within seconds
        }

        return $"no instance could poll {rule}";
    }

    /// <summary>Starts a poll of the rule on the instance and kills the instance while it runs.</summary>
    public async Task KillDuringPollAsync(string rule, int instance)
    {
        var harness = _instances[instance]!;
        var poll = Task.Run(() => harness.Poller.PollAsync(harness.Rule(rule), CancellationToken.None), Ct);
        await Task.Yield();
        await KillAsync(instance);
        try
        {
            await poll.WaitAsync(HangLimit, Ct);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            // The process died under it: whatever it committed, it committed whole.
        }
    }

    /// <summary>Moves the clock <paramref name="step"/> once every live dispatcher waits only on it, then lets the
    /// Twilio simulator post its due callbacks.</summary>
    public async Task StepAsync(TimeSpan step)
    {
        await Task.WhenAll(Live.Select(h => h.App.Services.GetRequiredService<DispatcherActivity>().WhenIdleAsync(Ct)))
            .WaitAsync(HangLimit, Ct);
        Time.Advance(step);
        await Twilio.FlushCallbacksAsync(Ct).WaitAsync(HangLimit, Ct);
    }

    /// <summary>Moves the clock without waiting for the dispatchers, then kills the instance: a send may be on its way.
    /// With <paramref name="afterCreate"/>, the kill comes once Twilio received one more create (or a moment later).</summary>
    public async Task KillWhileBusyAsync(int instance, TimeSpan step, bool afterCreate)
    {
        await StepAsync(TimeSpan.Zero);
        var creates = Twilio.CreateRequests.Count;
        Time.Advance(step);
        if (afterCreate)
        {
            // A bounded wait for an event of another thread, not a timing assumption: the kill comes either way.
            for (var waited = 0; waited < 200 && Twilio.CreateRequests.Count == creates; waited++)
            {
                await Task.Delay(5, Ct);
            }
        }

        await KillAsync(instance);
    }

    /// <summary>kill -9: the host goes without stopping; the store, the simulators and the clock stay.</summary>
    public async Task KillAsync(int instance)
    {
        var harness = _instances[instance]!;
        _instances[instance] = null;
        _killed.Add(harness);
        // The host's disposal waits for what is still running (the HTTP resilience pipelines wait for their requests,
        // on the clock), so the clock moves while the process goes, as time passes while a real one dies.
        var crash = harness.CrashAsync();
        for (var waited = 0; !crash.IsCompleted && waited < 3000; waited++)
        {
            await Task.WhenAny(crash, Task.Delay(10, Ct));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        await crash.WaitAsync(HangLimit, Ct);
    }

    /// <summary>Starts the instance again under its own id, as systemd restarts a service: it watches its id for one
    /// heartbeat interval (the clock moves past it) and takes over what its dead predecessor held.</summary>
    public async Task RestartAsync(int instance)
    {
        _instances[instance] = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: Settings(instance),
            withTwilio: true, sharing: _owner, postgresConnectionString: _database?.ConnectionString, customize: KeepLogs,
            whileStarting: async starting =>
            {
                var registry = starting.Services.GetRequiredService<InstanceRegistry>();
                await registry.Watching.WaitAsync(HangLimit, Ct);
                Time.Advance(registry.CheckWait);
            });
    }

    /// <summary>Queues a failed alert again, as an operator does from the dashboard, the API or the CLI.</summary>
    public Task<ReplayOutcome> ReplayAsync(long alertId) =>
        Live.First().App.Services.GetRequiredService<ReplayService>().ReplayAsync(alertId, "test:operator", "retries ran out", Ct);

    /// <summary>Every alert in the store with the audit kinds of its timeline.</summary>
    public async Task<IReadOnlyList<ModelAlert>> AlertsAsync()
    {
        await using var connection = await Live.First().App.Services.GetRequiredService<IDbDialect>().OpenAsync(Ct);
        var alerts = await connection.QueryAsync<(long Id, string RuleId, string SourceKey, string State, string? Sid, string? Delivery, int Checks, long? CheckDue)>(
            "SELECT id, rule_id, source_key, state, message_sid, delivery_status, status_checks, status_check_due_at FROM alerts ORDER BY id");
        var audit = (await connection.QueryAsync<(long AlertId, string Kind, string? Detail)>(
            "SELECT alert_id, kind, detail FROM audit WHERE alert_id IS NOT NULL ORDER BY id")).ToLookup(a => a.AlertId);
        return alerts.Select(a => new ModelAlert(a.Id, a.RuleId, a.SourceKey.Trim(), a.State, a.Sid, a.Delivery,
            audit[a.Id].Select(e => (e.Kind, e.Detail)).ToList())
        {
            StatusChecks = a.Checks,
            StatusCheckDue = UnixTime.FromStored(a.CheckDue),
            TwilioStatus = a.Sid is null ? null : Twilio.Messages.FirstOrDefault(m => m.Sid == a.Sid)?.Status,
        }).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var harness in Live.Where(h => h != _owner).Concat(_killed.Where(h => h != _owner)))
        {
            await harness.DisposeAsync();
        }

        await _owner.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public static string Id(int instance) => $"model-{(char)('a' + instance)}";

    private static Dictionary<string, string?> Settings(int instance) => new()
    {
        ["Polling:InstanceId"] = Id(instance),
        ["Rules:po-cancelled:Enabled"] = "false",
        ["Rules:requisition-approved:Enabled"] = "false",
        ["Rules:supplier-payment:Enabled"] = "false",
        ["Twilio:RequestTimeout"] = "00:00:10",
        ["Outbox:StatusCheckAfter"] = "00:01:00",
    };
}

/// <summary>An alert as the store holds it, with its audit timeline's entries (kind and detail).</summary>
internal sealed record ModelAlert(long Id, string RuleId, string SourceKey, string State, string? MessageSid, string? DeliveryStatus,
    IReadOnlyList<(string Kind, string? Detail)> Timeline)
{
    /// <summary>Status fetches made so far, and when the next is due.</summary>
    public int StatusChecks { get; init; }

    public DateTimeOffset? StatusCheckDue { get; init; }

    /// <summary>The status the Twilio simulator holds for the alert's MessageSid.</summary>
    public string? TwilioStatus { get; init; }

    public override string ToString() =>
        $"alert {Id} ({RuleId} {SourceKey}) {State}, sid {MessageSid ?? "none"} (delivery status {DeliveryStatus ?? "-"}, Twilio: {TwilioStatus ?? "-"}, " +
        $"{StatusChecks} status check(s), next {StatusCheckDue:HH:mm:ss}): {string.Join(", ", Timeline.Select(e => e.Kind))}";
}
