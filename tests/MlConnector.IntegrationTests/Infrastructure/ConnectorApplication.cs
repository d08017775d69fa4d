using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlConnector.Security;

namespace MlConnector.IntegrationTests.Infrastructure;

/// <summary>
/// The real service in memory: a SQLite file in a temporary folder, a key file beside (not inside) the data folder,
/// and settings a test can add or override. A fresh application per test.
/// </summary>
public sealed class ConnectorApplication : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public ConnectorApplication(TimeProvider? time = null, bool withKey = true)
    {
        Time = time;
        _settings["Storage:DataFolder"] = DataFolder;
        if (withKey)
        {
            MasterKeyLoader.EnsureKeyFile(KeyFile);
            _settings["Security:KeyFile"] = KeyFile;
        }
    }

    public TimeProvider? Time { get; }

    public string DataFolder => _folder.Combine("data");

    public string KeyFile => _folder.Combine("keys", "master.key");

    public string DatabasePath => System.IO.Path.Combine(DataFolder, "ml-connector.db");

    public ConnectorApplication With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (Time is not null)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(Time)));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }
}
