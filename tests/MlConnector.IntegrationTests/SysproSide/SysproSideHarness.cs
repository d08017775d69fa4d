using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Alerts;
using MlConnector.Cli;
using MlConnector.Detection;
using MlConnector.Hosting;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Outbox;
using MlConnector.Rules;
using MlConnector.Security;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Twilio;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>
/// The SYSPRO simulator and the connector sharing one fake clock, with the PO, requisition and invoice presets
/// switched on. Polls are run by hand (the scheduler is off), so each test says exactly when SYSPRO is read.
/// </summary>
public sealed class SysproSideHarness : IAsyncDisposable
{
    public const string Approver = "+15550100001";
    public const string Procurement = "+15550100002";
    public const string AccountsPayable = "+15550100003";
    public const string Director = "+15550100004";

    private readonly TempFolder _folder;
    private bool _ownsSimulator = true;

    private SysproSideHarness(FakeTimeProvider time, SysproSimulator simulator, WebApplication app, TempFolder folder)
    {
        Time = time;
        Simulator = simulator;
        App = app;
        _folder = folder;
    }

    public FakeTimeProvider Time { get; }

    public SysproSimulator Simulator { get; }

    public WebApplication App { get; }

    /// <summary>The Twilio simulator on the same clock (when started with withTwilio).</summary>
    public TwilioSimulator? Twilio { get; private init; }

    /// <summary>Every log line written (when started with captureLogs), formatted as an operator would read it.</summary>
    public IReadOnlyList<string> Logs => App.Services.GetRequiredService<FakeLogCollector>().GetSnapshot()
        .Select(r => $"{r.Level} {r.Category} {r.Message} {r.Exception}").ToList();

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public string PollerInstance => App.Services.GetRequiredService<PollTracker>().InstanceId;

    public RulePoller Poller => App.Services.GetRequiredService<RulePoller>();

    public RuleDefinition Rule(string id) => App.Services.GetRequiredService<RuleSet>().Find(id)!;

    public static async Task<SysproSideHarness> StartAsync(SysproTransport transport, Action<SysproSimulatorOptions>? simulator = null,
        IDictionary<string, string?>? settings = null, int purchaseOrders = 2000, bool captureLogs = false,
        string? postgresConnectionString = null, SysproSideHarness? sharing = null, bool withTwilio = false,
        FakeTimeProvider? time = null)
    {
        time ??= sharing?.Time ?? NewClock();
        var options = new SysproSimulatorOptions { PurchaseOrders = purchaseOrders };
        simulator?.Invoke(options);
        var sim = sharing?.Simulator
            ?? await SysproSimulator.StartAsync(options, time, "http://127.0.0.1:0", TestContext.Current.CancellationToken);
        options = sim.Options;
        var folder = new TempFolder();
        if (sharing is not null)
        {
            // A second instance: same database file and key as the first.
            File.Copy(sharing._folder.Combine("master.key"), folder.Combine("master.key"));
        }
        else
        {
            MasterKeyLoader.EnsureKeyFile(folder.Combine("master.key"));
        }
        var all = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:DataFolder"] = sharing?._folder.Combine("data") ?? folder.Combine("data"),
            ["Security:KeyFile"] = folder.Combine("master.key"),
            ["Polling:Enabled"] = "false",
            ["Syspro:Transport"] = transport.ToString(),
            ["Directory:People:approver:Name"] = "Alex Approver",
            ["Directory:People:approver:Phone"] = Approver,
            ["Directory:People:approver:Groups:0"] = "approvers",
            ["Directory:People:buyer:Name"] = "Pat Procurement",
            ["Directory:People:buyer:Phone"] = Procurement,
            ["Directory:People:buyer:Groups:0"] = "procurement",
            ["Directory:People:ap:Name"] = "Accounts Payable",
            ["Directory:People:ap:Phone"] = AccountsPayable,
            ["Directory:People:ap:Groups:0"] = "accounts-payable",
            ["Directory:People:director:Name"] = "Dana Director",
            ["Directory:People:director:Phone"] = Director,
            ["Directory:People:director:Groups:0"] = "approvers",
            ["Rules:po-submitted:Recipients:Groups:0"] = "approvers",
            ["Rules:po-approved:Recipients:Groups:0"] = "procurement",
            ["Rules:invoice-posted:Recipients:Groups:0"] = "accounts-payable",
            ["Rules:requisition-approved:Recipients:Groups:0"] = "procurement",
        };
        var twilio = withTwilio
            ? await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), time, "http://127.0.0.1:0", TestContext.Current.CancellationToken)
            : null;
        foreach (var (key, value) in SimulatorSettings.Syspro(sim).Concat(twilio is null ? [] : SimulatorSettings.Twilio(twilio)))
        {
            all[key] = value;
        }

        if (twilio is not null)
        {
            all["Twilio:MessagesPerSecond"] = "10";
        }

        if (postgresConnectionString is not null)
        {
            all["Storage:Provider"] = "Postgres";
            all["Storage:ConnectionString"] = postgresConnectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = ConnectorHost.Build(all.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(), builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(time);
            if (captureLogs)
            {
                builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFilter(_ => true).AddFakeLogging();
            }
        });
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            if (sharing is null)
            {
                await sim.DisposeAsync();
            }

            if (twilio is not null)
            {
                await twilio.DisposeAsync();
            }

            folder.Dispose();
            throw;
        }

        return new SysproSideHarness(time, sim, app, folder) { _ownsSimulator = sharing is null, Twilio = twilio };
    }

    public async Task<PollRecord> PollAsync(string ruleId)
    {
        var poll = await Poller.PollAsync(Rule(ruleId), TestContext.Current.CancellationToken);
        Assert.Null(poll.Error);
        return poll;
    }

    /// <summary>Lets the dispatcher send: whenever it waits only on the clock, the clock moves a step and the Twilio
    /// simulator posts its due status callbacks. No wall-clock sleeping.</summary>
    public async Task DriveUntilAsync(Func<Task<bool>> done, int maxSteps = 400)
    {
        var activity = App.Services.GetRequiredService<DispatcherActivity>();
        activity.Wake();
        for (var i = 0; i < maxSteps && !await done(); i++)
        {
            await activity.WhenIdleAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20));
            Time.Advance(TimeSpan.FromMilliseconds(500));
            await Twilio!.FlushCallbacksAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.True(await done(), "the alerts did not reach the expected state");
    }

    /// <summary>The alerts of a rule with phone and body decrypted, oldest first.</summary>
    public async Task<IReadOnlyList<StoredAlert>> AlertsAsync(string ruleId)
    {
        var protector = App.Services.GetRequiredService<FieldProtector>();
        await using var connection = await App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        var rows = await connection.QueryAsync<(long Id, string SourceKey, string Transition, string State, byte[] Phone, byte[] Body, string? Sid, string? Delivery)>(
            "SELECT id, source_key, transition, state, recipient_phone, body, message_sid, delivery_status FROM alerts WHERE rule_id = @ruleId ORDER BY id",
            new { ruleId });
        return rows.Select(r => new StoredAlert(r.Id, r.SourceKey, r.Transition, r.State,
            protector.Unprotect(r.Phone, AlertEnqueuer.PhonePurpose), protector.Unprotect(r.Body, AlertEnqueuer.BodyPurpose),
            r.Sid, r.Delivery)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        if (_ownsSimulator)
        {
            await Simulator.DisposeAsync();
        }

        if (Twilio is not null)
        {
            await Twilio.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

public sealed record StoredAlert(long Id, string SourceKey, string Transition, string State, string Phone, string Body,
    string? MessageSid = null, string? DeliveryStatus = null);
