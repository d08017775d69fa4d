using Microsoft.Extensions.Options;
using MlConnector.Hosting;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Security;

namespace MlConnector.IntegrationTests.Delivery;

public sealed class DeliveryStartupTests
{
    [Fact]
    public async Task Host_AccountSidWithoutAuthToken_RefusesToStartNamingTheSetting()
    {
        using var folder = new TempFolder();
        MasterKeyLoader.EnsureKeyFile(folder.Combine("master.key"));
        await using var app = ConnectorHost.Build([
            "--urls=http://127.0.0.1:0", $"--Storage:DataFolder={folder.Combine("data")}",
            $"--Security:KeyFile={folder.Combine("master.key")}", "--Twilio:AccountSid=AC123", "--Twilio:From=+15005550006",
        ]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Twilio:AuthToken is required", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
