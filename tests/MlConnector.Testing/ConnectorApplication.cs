using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace MlConnector.Testing;

/// <summary>
/// The real service in memory (no socket): a <see cref="TestHostBuilder"/>'s folder, key file, settings and clock, and
/// settings a test can add or override. A fresh application per test.
/// </summary>
public sealed class ConnectorApplication : WebApplicationFactory<Program>
{
    private readonly TestHostBuilder _host;

    // What the service logged at Warning and above, kept outside the host: a host that stops while it starts is gone
    // (its services disposed) by the time the test sees it, and this is all that says why.
    private readonly FakeLogCollector _problems = new(Options.Create(new FakeLogCollectorOptions
    {
        FilteredLevels = { LogLevel.Warning, LogLevel.Error, LogLevel.Critical },
    }));

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        _host.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new FakeLoggerProvider(_problems)));
    }

    /// <summary>The service as <see cref="WebApplicationFactory{TEntryPoint}"/> starts it, or, when the service stopped
    /// while it started (a start-up problem reported on standard error, or a background service that failed), an
    /// exception with what it logged instead of the factory's bare "Cannot access a disposed object".</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        try
        {
            _ = host.Services.GetService(typeof(IHostApplicationLifetime));
        }
        catch (ObjectDisposedException e)
        {
            var logged = string.Join(Environment.NewLine, _problems.GetSnapshot().Select(r =>
                $"{r.Level} {r.Category}: {r.Message}{(r.Exception is null ? "" : $" ({r.Exception.GetType().Name}: {r.Exception.Message})")}"));
            throw new InvalidOperationException(
                $"The connector stopped while it started. Warnings and errors it logged:{Environment.NewLine}{(logged.Length > 0 ? logged : "(none)")}", e);
        }

        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _host.Dispose();
        }
    }
}
