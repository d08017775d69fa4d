using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using MlConnector.Sms;

namespace MlConnector.Tests.Sms;

public sealed class PublicUrlsTests
{
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    [Theory]
    [InlineData("https://alerts.example.com", "https://alerts.example.com/webhooks/twilio/status")]
    [InlineData("https://example.com/mlc/", "https://example.com/mlc/webhooks/twilio/status")]
    [InlineData("https://example.com/mlc", "https://example.com/mlc/webhooks/twilio/status")]
    public void StatusCallback_BehindAProxyUnderAPath_KeepsThePathTheSignatureIsCheckedAgainst(string publicBase, string expected)
    {
        using var server = new NoServer();
        var urls = new PublicUrls(Options.Create(new TwilioOptions { PublicBaseUrl = new Uri(publicBase) }), server);

        Assert.Equal(new Uri(expected), urls.StatusCallback);
        Assert.Equal(new Uri(expected.Replace("status", "inbound", StringComparison.Ordinal)),
            PublicUrls.Under(new Uri(publicBase), PublicUrls.InboundPath));
    }
}
