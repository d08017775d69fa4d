using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Cli;
using MlConnector.Hosting;
using MlConnector.Security;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Twilio;
using MlConnector.Storage;

namespace MlConnector.Testing;

/// <summary>
/// What every test host of the connector shares: a temporary folder with the data folder and, beside it (never inside),
/// the master key file; the settings (the store, the simulators, whatever a test adds); the clock. It builds the real
/// host (<see cref="ConnectorHost.Build"/>) on a free loopback port, configures the in-memory one of
/// <see cref="ConnectorApplication"/>, and gives the same settings as environment variables to the CLI. Disposing it
/// deletes the folder. A harness adds only what is its own (simulators, people and rules, helpers).
/// </summary>
public sealed class TestHostBuilder : IDisposable
{
    private const string FreeLoopbackPort = "http://127.0.0.1:0";
    private readonly TempFolder? _folder;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="withKey">Whether to create a master key file and point Security:KeyFile at it.</param>
    public TestHostBuilder(bool withKey = true)
        : this(new TempFolder())
    {
        if (withKey)
        {
            MasterKeyLoader.EnsureKeyFile(KeyFile);
            _settings["Security:KeyFile"] = KeyFile;
        }
    }

    private TestHostBuilder(TempFolder? folder, string? root = null)
    {
        _folder = folder;
        Root = folder?.Path ?? root!;
        _settings["Storage:DataFolder"] = DataFolder;
    }

    /// <summary>The temporary folder: <c>data/</c> and <c>keys/master.key</c> are in it.</summary>
    public string Root { get; }

    public string DataFolder => Path.Combine(Root, "data");

    public string KeyFile => Path.Combine(Root, "keys", "master.key");

    /// <summary>The SQLite file (when the store is SQLite).</summary>
    public string DatabasePath => Path.Combine(DataFolder, "ml-connector.db");

    /// <summary>The connector's clock: the system clock unless <see cref="UseClock"/> set another.</summary>
    public TimeProvider Time { get; private set; } = TimeProvider.System;

    /// <summary>The fake clock set with <see cref="UseClock"/>.</summary>
    public FakeTimeProvider Clock => Time as FakeTimeProvider ?? throw new InvalidOperationException("no fake clock was set");

    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>The settings as command-line arguments (<c>--Storage:DataFolder=...</c>).</summary>
    public string[] Arguments => [.. _settings.Select(kv => $"--{kv.Key}={kv.Value}")];

    /// <summary>The settings as the CLI's environment variables (<c>MLC_Storage__DataFolder</c>).</summary>
    public Dictionary<string, string?> Environment => SimulatorSettings.AsEnvironment(_settings);

    /// <summary>Another instance on the same store: the same data folder, key file, storage settings and clock; its
    /// other settings are its own. The first builder keeps owning the folder.</summary>
    public static TestHostBuilder SharingStoreWith(TestHostBuilder first)
    {
        ArgumentNullException.ThrowIfNull(first);
        var builder = new TestHostBuilder(null, first.Root) { Time = first.Time };
        foreach (var (key, value) in first._settings.Where(kv => kv.Key.StartsWith("Storage:", StringComparison.OrdinalIgnoreCase)
            || kv.Key.Equals("Security:KeyFile", StringComparison.OrdinalIgnoreCase)))
        {
            builder._settings[key] = value;
        }

        return builder;
    }

    public TestHostBuilder UseClock(TimeProvider time)
    {
        Time = time;
        return this;
    }

    public TestHostBuilder With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public TestHostBuilder With(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        return this;
    }

    /// <summary>The store: a fresh PostgreSQL database, or (null) the SQLite file in the data folder.</summary>
    public TestHostBuilder OnStore(PostgresTestDatabase? database) =>
        database is null ? this : OnPostgres(database.ConnectionString);

    public TestHostBuilder OnPostgres(string connectionString) =>
        With("Storage:Provider", "Postgres").With("Storage:ConnectionString", connectionString);

    /// <param name="section">Where the company's SYSPRO settings go: <c>Syspro</c>, or <c>Companies:{id}:Syspro</c>.</param>
    public TestHostBuilder WithSyspro(SysproSimulator syspro, string section = "Syspro") =>
        With(SimulatorSettings.Syspro(syspro, section));

    public TestHostBuilder WithTwilio(TwilioSimulator twilio) => With(SimulatorSettings.Twilio(twilio));

    /// <summary>A person in the directory, in one group.</summary>
    public TestHostBuilder WithPerson(string id, string name, string phone, string group) =>
        With($"Directory:People:{id}:Name", name).With($"Directory:People:{id}:Phone", phone).With($"Directory:People:{id}:Groups:0", group);

    /// <summary>Who a rule texts: one group.</summary>
    public TestHostBuilder WithRuleTexting(string rule, string group) => With($"Rules:{rule}:Recipients:Groups:0", group);

    /// <summary>One rule (po-submitted, to the approvers), one approver, and no polling (SYSPRO is a closed port): the
    /// only alerts are the ones a test seeds.</summary>
    public TestHostBuilder WithOneRuleNotPolled(string approverPhone) => With("Polling:Enabled", "false")
        .With("Syspro:OData:BaseUrl", "http://127.0.0.1:9/odata/").With("Syspro:OData:Username", "odata").With("Syspro:OData:Password", "unused")
        .WithPerson("approver", "Alex Approver", approverPhone, "approvers")
        .WithRuleTexting("po-submitted", "approvers");

    /// <summary>The store's dialect without a host (to migrate it or read it directly).</summary>
    public IDbDialect Dialect() => StorageExtensions.CreateDialect(new StorageOptions
    {
        DataFolder = DataFolder,
        Provider = _settings.GetValueOrDefault("Storage:Provider") == "Postgres" ? StorageProvider.Postgres : StorageProvider.Sqlite,
        ConnectionString = _settings.GetValueOrDefault("Storage:ConnectionString"),
    });

    /// <summary>The real host on a free loopback port (unless <c>urls</c> is set), on this builder's clock.</summary>
    public WebApplication Build(Action<WebApplicationBuilder>? customize = null)
    {
        string[] args = _settings.ContainsKey("urls") ? Arguments : [$"--urls={FreeLoopbackPort}", .. Arguments];
        return ConnectorHost.Build(args, builder =>
        {
            UseClockIn(builder.Services);
            customize?.Invoke(builder);
        });
    }

    /// <summary>Builds and starts the host; a host that fails to start is disposed before the error is rethrown.</summary>
    /// <param name="whileStarting">Runs while the host starts (to move a fake clock a start-up step waits on).</param>
    public async Task<WebApplication> StartAsync(Action<WebApplicationBuilder>? customize = null,
        Func<WebApplication, Task>? whileStarting = null)
    {
        var app = Build(customize);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        try
        {
            var starting = app.StartAsync(abandon.Token);
            if (whileStarting is not null)
            {
                var during = whileStarting(app);
                if (await Task.WhenAny(starting, during) == during && during.IsFaulted)
                {
                    // The step the start waits on will not come: stop waiting and report why, instead of hanging.
                    await abandon.CancelAsync();
                    await Task.WhenAny(starting);
                    await during;
                }
            }

            await starting;
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Puts the settings and the clock into a WebApplicationFactory's host.</summary>
    public void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(UseClockIn);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder?.Dispose();
    }

    private void UseClockIn(IServiceCollection services)
    {
        if (Time != TimeProvider.System)
        {
            services.Replace(ServiceDescriptor.Singleton(Time));
        }
    }
}
