using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MlConnector.Testing;

/// <summary>
/// The real service in memory (no socket): a <see cref="TestHostBuilder"/>'s folder, key file, settings and clock, and
/// settings a test can add or override. A fresh application per test.
/// </summary>
public sealed class ConnectorApplication : WebApplicationFactory<Program>
{
    private readonly TestHostBuilder _host;

    public ConnectorApplication(TimeProvider? time = null, bool withKey = true)
    {
        _host = new TestHostBuilder(withKey);
        if (time is not null)
        {
            _host.UseClock(time);
        }
    }

    public TimeProvider Time => _host.Time;

    public string DataFolder => _host.DataFolder;

    public string KeyFile => _host.KeyFile;

    public string DatabasePath => _host.DatabasePath;

    public ConnectorApplication With(string key, string? value)
    {
        _host.With(key, value);
        return this;
    }

    /// <summary>Settings a test adds in one go (a preset of the builder, for example).</summary>
    public ConnectorApplication With(Func<TestHostBuilder, TestHostBuilder> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings(_host);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => _host.ConfigureWebHost(builder);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _host.Dispose();
        }
    }
}
