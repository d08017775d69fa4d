using System.Text;
using Microsoft.Extensions.Logging;
using MlConnector.Alerts;

namespace MlConnector.IntegrationTests.Delivery;

public sealed class NoPlaintextDeliveryTests
{
    private const string Phone = "+15557010901";
    private const string OtherPhone = "+15557010902";
    private const string Body = "PO 8000 for Müller & O'Brien awaits your approval";
    private const string Reply = "call me about Müller please";

    [Fact]
    public async Task DeliveryFlow_DatabaseWalAndLogs_HoldNoPhoneNumbersOrTexts()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var sent = await h.EnqueueAsync(Phone, Body, "po-8000");
        await h.DriveUntilStateAsync(sent, AlertStates.Delivered);
        await h.Simulator.InjectInboundAsync(Phone, Reply, TestContext.Current.CancellationToken);
        await h.Simulator.InjectInboundAsync(OtherPhone, "STOP", TestContext.Current.CancellationToken);
        var suppressed = await h.EnqueueAsync(OtherPhone, Body + " (2)", "po-8001");
        await h.DriveUntilStateAsync(suppressed, AlertStates.Suppressed);
        var invalid = await h.EnqueueAsync("+15005550001", Body + " (3)", "po-8002");
        await h.DriveUntilStateAsync(invalid, AlertStates.Failed);

        string[] secrets = [Phone, Phone[1..], OtherPhone[1..], "5005550001", Body, "Müller", Reply];
        var files = Directory.GetFiles(h.DataFolder, "ml-connector.db*");
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            foreach (var secret in secrets)
            {
                Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0, $"{Path.GetFileName(file)} holds '{secret}'");
                Assert.False(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0, $"{Path.GetFileName(file)} holds '{secret}' (UTF-16)");
            }
        }

        var logs = h.Logs.Where(r => r.Level >= LogLevel.Information).ToList();
        Assert.Contains(logs, r => r.Message.Contains("Twilio create to", StringComparison.Ordinal));
        foreach (var record in logs)
        {
            var text = record.Message + " " + record.Exception;
            Assert.DoesNotContain(secrets, s => text.Contains(s, StringComparison.Ordinal) || text.Contains(Uri.EscapeDataString(s), StringComparison.Ordinal));
        }
    }
}
