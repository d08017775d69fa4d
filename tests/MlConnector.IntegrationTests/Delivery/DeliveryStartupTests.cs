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
}
