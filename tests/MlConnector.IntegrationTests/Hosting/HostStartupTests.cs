using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlConnector.Hosting;
using MlConnector.Security;

namespace MlConnector.IntegrationTests.Hosting;

public sealed class HostStartupTests
{
    [Fact]
    public async Task Host_WithKey_StartsAnswersHealthAndStops()
    {
        await using var app = new ConnectorApplication();
        using var client = app.CreateClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(File.Exists(app.DatabasePath));

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopped = new TaskCompletionSource();
        lifetime.ApplicationStopped.Register(stopped.SetResult);
        lifetime.StopApplication();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Host_OnAFreePort_ListensThereAndStopsCleanly()
    {
        using var host = new TestHostBuilder();
        await using var app = host.Build();

        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = Assert.Single(app.Urls);
        Assert.DoesNotContain(":0/", address + "/", StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Host_WithoutKey_RefusesToStartAndSaysWhy()
    {
        using var host = new TestHostBuilder(withKey: false);
        await using var app = host.Build();

        var error = await Assert.ThrowsAsync<MasterKeyException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("MLC_MASTER_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_PostgresWithoutConnectionString_RefusesToStartNamingTheSetting()
    {
        await using var app = ConnectorHost.Build(["--urls=http://127.0.0.1:0", "--Storage:Provider=Postgres"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_UnknownProviderName_RefusesToStartNamingTheSetting()
    {
        await using var app = ConnectorHost.Build(["--urls=http://127.0.0.1:0", "--Storage:Provider=Oracle"]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_SettingsFiles_AreReadOnceAndNotWatched()
    {
        // A watch of appsettings.json is a watch of the whole working folder: it woke the service on every write to a
        // database kept there, and nothing in the connector follows a changed file anyway.
        await using var app = ConnectorHost.Build(["--urls=http://127.0.0.1:0"]);

        var files = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched"));
    }
}
