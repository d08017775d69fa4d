using Microsoft.Extensions.Options;

namespace MlConnector.IntegrationTests.Delivery;

public sealed class DeliveryStartupTests
{
    [Fact]
    public async Task Host_AccountSidWithoutAuthToken_RefusesToStartNamingTheSetting()
    {
        using var host = new TestHostBuilder().With("Twilio:AccountSid", "AC123").With("Twilio:From", "+15005550006");
        await using var app = host.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Twilio:AuthToken is required", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Host_LeaseNotWellAboveTheRequestTimeout_RefusesToStartNamingBoth()
    {
        using var host = new TestHostBuilder().With("Twilio:AccountSid", "AC123").With("Twilio:AuthToken", "token")
            .With("Twilio:From", "+15005550006").With("Twilio:PublicBaseUrl", "https://alerts.example.com/")
            .With("Twilio:RequestTimeout", "00:01:00").With("Outbox:LeaseDuration", "00:01:30");
        await using var app = host.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Outbox:LeaseDuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("Twilio:RequestTimeout", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
