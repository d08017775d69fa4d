using MlConnector.Cli;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Alerts;
using MlConnector.Outbox;
using MlConnector.Simulators.Twilio;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Delivery;

public enum DeliveryStore
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The connector on real Kestrel (127.0.0.1:0) and the Twilio simulator, sharing one fake clock, with a SQLite file
/// in a temporary folder or a fresh PostgreSQL database. The host can be restarted on the same store; captured logs
/// survive restarts. <see cref="AddInstanceAsync"/> starts another instance on the same store, simulator and clock.
/// </summary>
internal sealed partial class DeliveryHarness : IAsyncDisposable
{
    public const string From = SimulatorSettings.From;
    private readonly TestHostBuilder _host;
    private readonly List<FakeLogRecord> _earlierLogs = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly DeliveryHarness? _first;
    private PostgresTestDatabase? _database;
    private Action<WebApplicationBuilder>? _customize;

    private DeliveryHarness(TwilioSimulator simulator, TestHostBuilder host, Dictionary<string, string?> settings,
        DeliveryHarness? first = null)
    {
        Simulator = simulator;
        _host = host.With(settings);
        _settings = settings;
        _first = first;
    }

    public FakeTimeProvider Time => _host.Clock;

    public TwilioSimulator Simulator { get; }

    public WebApplication App { get; private set; } = null!;

    public string DataFolder => _host.DataFolder;

    public string KeyFile => _host.KeyFile;

    /// <summary>The connector's store and key as the CLI's environment variables.</summary>
    public Dictionary<string, string?> CliEnvironment => _host.Environment;

    public Uri ConnectorAddress => new(App.Urls.First());

    public DispatcherActivity Activity => App.Services.GetRequiredService<DispatcherActivity>();

    public static Task<DeliveryHarness> StartAsync(TwilioSimulatorOptions? simulatorOptions = null,
        params (string Key, string Value)[] settings) =>
        StartAsync(DeliveryStore.Sqlite, simulatorOptions, settings);

    public static Task<DeliveryHarness> StartAsync(DeliveryStore store, TwilioSimulatorOptions? simulatorOptions = null,
        params (string Key, string Value)[] settings) =>
        StartCoreAsync(TestClock.Start, simulatorOptions, store, settings);

    /// <param name="start">Where the fake clock starts (the real time when another process, such as the CLI, takes part).</param>
    public static Task<DeliveryHarness> StartAsync(DateTimeOffset start, TwilioSimulatorOptions? simulatorOptions,
        params (string Key, string Value)[] settings) =>
        StartCoreAsync(start, simulatorOptions, DeliveryStore.Sqlite, settings);

    /// <param name="customize">Changes to the connector's host before it starts (for example a handler on its Twilio client).</param>
    public static Task<DeliveryHarness> StartAsync(Action<WebApplicationBuilder> customize, TwilioSimulatorOptions? simulatorOptions,
        params (string Key, string Value)[] settings) =>
        StartCoreAsync(TestClock.Start, simulatorOptions, DeliveryStore.Sqlite, settings, customize);

    private static async Task<DeliveryHarness> StartCoreAsync(DateTimeOffset start, TwilioSimulatorOptions? simulatorOptions,
        DeliveryStore store, (string Key, string Value)[] settings, Action<WebApplicationBuilder>? customize = null)
    {
        // Created first: skips (or fails under MLC_REQUIRE_POSTGRES) before anything else starts.
        var database = store == DeliveryStore.Postgres ? await PostgresTestDatabase.CreateAsync() : null;
        var host = new TestHostBuilder().UseClock(TestClock.At(start)).OnStore(database);
        var simulator = await TwilioSimulator.StartAsync(simulatorOptions ?? new TwilioSimulatorOptions(), host.Time);
        var all = new Dictionary<string, string?>(SimulatorSettings.Twilio(simulator), StringComparer.Ordinal)
        {
            ["Twilio:RequestTimeout"] = "00:00:10",
            ["Twilio:MessagesPerSecond"] = "10",
            ["Outbox:PollInterval"] = "00:00:01",
        };
        var harness = new DeliveryHarness(simulator, host, With(all, settings)) { _database = database, _customize = customize };
        await harness.StartConnectorAsync();
        return harness;
    }

    /// <summary>Another connector instance on the same store, key, simulator and clock (scale-out).</summary>
    public async Task<DeliveryHarness> AddInstanceAsync(params (string Key, string Value)[] settings)
    {
        var instance = new DeliveryHarness(Simulator, TestHostBuilder.SharingStoreWith(_host), With(new(_settings), settings), this);
        await instance.StartConnectorAsync();
        return instance;
    }

    public async Task StartConnectorAsync()
    {
        App = await _host.StartAsync(builder =>
        {
            builder.Logging.AddFakeLogging();
            _customize?.Invoke(builder);
        });
        if (_first is not null)
        {
            return; // inbound SMS keep going to the first instance
        }

        Simulator.Options.InboundWebhookUrl = new Uri(ConnectorAddress, "/webhooks/twilio/inbound");
    }

    public async Task StopConnectorAsync()
    {
        _earlierLogs.AddRange(App.Services.GetFakeLogCollector().GetSnapshot());
        await App.StopAsync(TestContext.Current.CancellationToken);
        await App.DisposeAsync();
    }

    public IReadOnlyList<FakeLogRecord> Logs => [.. _earlierLogs, .. App.Services.GetFakeLogCollector().GetSnapshot()];

    /// <summary>
    /// Lets the dispatcher work until <paramref name="done"/>: whenever it waits only on the clock, the clock moves
    /// <paramref name="step"/> and the simulator's due callbacks are posted. No wall-clock sleeping.
    /// </summary>
    public async Task DriveUntilAsync(Func<Task<bool>> done, TimeSpan step, int maxSteps = 2000)
    {
        if (await new DispatchDriver(Time, Activity, Simulator).UntilAsync(done, step, maxSteps))
        {
            return;
        }

        Assert.Fail($"not done after {maxSteps} steps of {step}; requests: "
            + string.Join(", ", Simulator.CreateRequests.Select(r => $"{r.ReceivedAt:HH:mm:ss.fff} {r.HttpStatus} {r.ErrorCode}")));
    }

    /// <summary>Drives the dispatcher until every one of <paramref name="ids"/> is sent (or already delivered).</summary>
    public Task DriveUntilAllSentAsync(IReadOnlyCollection<long> ids, TimeSpan step) =>
        DriveUntilAsync(async () =>
        {
            foreach (var id in ids)
            {
                if ((await AlertAsync(id)).State is not (AlertStates.Sent or AlertStates.Delivered))
                {
                    return false;
                }
            }

            return true;
        }, step);

    public Task DriveUntilStateAsync(long id, string state, TimeSpan? step = null) =>
        DriveUntilAsync(async () => (await AlertAsync(id)).State == state, step ?? TimeSpan.FromMilliseconds(500));

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_first is not null)
        {
            return; // the first instance owns the simulator, the store and the folder
        }

        await Simulator.DisposeAsync();
        _host.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, (string Key, string Value)[] more)
    {
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }
}
