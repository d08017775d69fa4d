using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Alerts;
using MlConnector.Detection;
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

    private readonly TestHostBuilder _host;
    private bool _ownsSimulator = true;
    private bool _ownsTwilio = true;
    private bool _appGone;

    private SysproSideHarness(TestHostBuilder host, SysproSimulator simulator, WebApplication app)
    {
        _host = host;
        Simulator = simulator;
        App = app;
    }

    public FakeTimeProvider Time => _host.Clock;

    public SysproSimulator Simulator { get; }

    public WebApplication App { get; }

    /// <summary>The Twilio simulator on the same clock (when started with withTwilio; shared with the harness started
    /// with <c>sharing:</c> this one).</summary>
    public TwilioSimulator? Twilio { get; private init; }

    /// <summary>Every log line written (when started with captureLogs), formatted as an operator would read it.</summary>
    public IReadOnlyList<string> Logs => App.Services.GetRequiredService<FakeLogCollector>().GetSnapshot()
        .Select(r => $"{r.Level} {r.Category} {r.Message} {r.Exception}").ToList();

    public static FakeTimeProvider NewClock() => TestClock.At(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public string PollerInstance => App.Services.GetRequiredService<PollTracker>().InstanceId;

    public RulePoller Poller => App.Services.GetRequiredService<RulePoller>();

    public RuleDefinition Rule(string id) => App.Services.GetRequiredService<RuleSet>().Find(id)!;

    public static async Task<SysproSideHarness> StartAsync(SysproTransport transport, Action<SysproSimulatorOptions>? simulator = null,
        IDictionary<string, string?>? settings = null, int purchaseOrders = 2000, bool captureLogs = false,
        string? postgresConnectionString = null, SysproSideHarness? sharing = null, bool withTwilio = false,
        FakeTimeProvider? time = null, Action<WebApplicationBuilder>? customize = null, Func<WebApplication, Task>? whileStarting = null)
    {
        time ??= sharing?.Time ?? NewClock();
        var options = new SysproSimulatorOptions { PurchaseOrders = purchaseOrders };
        simulator?.Invoke(options);
        var sim = sharing?.Simulator
            ?? await SysproSimulator.StartAsync(options, time, "http://127.0.0.1:0", TestContext.Current.CancellationToken);
        // A second instance: same database and key as the first.
        var host = WithPeople(sharing is null ? new TestHostBuilder() : TestHostBuilder.SharingStoreWith(sharing._host))
            .UseClock(time).WithSyspro(sim).With("Syspro:Transport", transport.ToString());
        TwilioSimulator? twilio = null;
        try
        {
            if (withTwilio && sharing?.Twilio is { } shared)
            {
                host.WithTwilio(shared).With("Twilio:MessagesPerSecond", "10"); // another instance, or a restart: same Twilio
            }
            else if (withTwilio)
            {
                twilio = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), time, "http://127.0.0.1:0", TestContext.Current.CancellationToken);
                host.WithTwilio(twilio).With("Twilio:MessagesPerSecond", "10");
            }

            if (postgresConnectionString is not null)
            {
                host.OnPostgres(postgresConnectionString);
            }

            var app = await host.With(settings).StartAsync(builder =>
            {
                if (captureLogs)
                {
                    builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFilter(_ => true).AddFakeLogging();
                }

                customize?.Invoke(builder);
            }, whileStarting);
            return new SysproSideHarness(host, sim, app)
            {
                _ownsSimulator = sharing is null,
                _ownsTwilio = twilio is not null,
                Twilio = twilio ?? (withTwilio ? sharing?.Twilio : null),
            };
        }
        catch
        {
            if (sharing is null)
            {
                await sim.DisposeAsync();
            }

            if (twilio is not null)
            {
                await twilio.DisposeAsync();
            }

            host.Dispose();
            throw;
        }
    }

    /// <summary>Polling off (each test polls by hand) and the people the presets' rules text.</summary>
    private static TestHostBuilder WithPeople(TestHostBuilder host) => host.With("Polling:Enabled", "false")
        .WithPerson("approver", "Alex Approver", Approver, "approvers")
        .WithPerson("buyer", "Pat Procurement", Procurement, "procurement")
        .WithPerson("ap", "Accounts Payable", AccountsPayable, "accounts-payable")
        .WithPerson("director", "Dana Director", Director, "approvers")
        .WithRuleTexting("po-submitted", "approvers")
        .WithRuleTexting("po-approved", "procurement")
        .WithRuleTexting("invoice-posted", "accounts-payable")
        .WithRuleTexting("requisition-approved", "procurement");

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
        var reached = await new DispatchDriver(Time, activity, Twilio!).UntilAsync(done, TimeSpan.FromMilliseconds(500), maxSteps);

        Assert.True(reached, "the alerts did not reach the expected state");
    }

    /// <summary>Lets the dispatcher run for <paramref name="steps"/> steps of the clock whatever happens (to show that
    /// something is NOT sent).</summary>
    public async Task DriveStepsAsync(int steps)
    {
        var activity = App.Services.GetRequiredService<DispatcherActivity>();
        activity.Wake();
        await new DispatchDriver(Time, activity, Twilio!).UntilAsync(() => Task.FromResult(false), TimeSpan.FromMilliseconds(500), steps);
    }

    /// <summary>The settings of this connector as the CLI's environment (same database, key and SYSPRO).</summary>
    public IReadOnlyDictionary<string, string?> CliEnvironment => _host.Environment;

    /// <summary>The folder the CLI runs in.</summary>
    public string Folder => _host.Root;

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

    /// <summary>As a kill -9 would: the host goes without stopping, so it releases nothing and says goodbye to nobody.</summary>
    public async Task CrashAsync()
    {
        _appGone = true;
        await App.DisposeAsync();
    }

    /// <summary>Stops the connector as a service stop does; the simulator, the store and the clock stay for a restart
    /// (a harness started with <c>sharing:</c> this one).</summary>
    public async Task StopAsync()
    {
        _appGone = true;
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_appGone)
        {
            await App.StopAsync(CancellationToken.None);
            await App.DisposeAsync();
        }

        if (_ownsSimulator)
        {
            await Simulator.DisposeAsync();
        }

        if (_ownsTwilio && Twilio is not null)
        {
            await Twilio.DisposeAsync();
        }

        _host.Dispose();
    }
}

public sealed record StoredAlert(long Id, string SourceKey, string Transition, string State, string Phone, string Body,
    string? MessageSid = null, string? DeliveryStatus = null);
