using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Alerts;
using MlConnector.Simulators.Twilio;
using MlConnector.Sms;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>How close to Twilio:MessagesPerSecond the connector sends when Twilio takes its time to answer.</summary>
public sealed class SendRateTests
{
    [Fact]
    public async Task Send_TwilioAnswersSlowly_EachSlotCountsFromItsRequestNotItsAnswer()
    {
        var answerTime = TimeSpan.FromMilliseconds(400);
        await using var h = await DeliveryHarness.StartAsync(
            builder => builder.Services.AddHttpClient(TwilioSmsSender.HttpClientName)
                .AddHttpMessageHandler(sp => new SlowAnswers((FakeTimeProvider)sp.GetRequiredService<TimeProvider>(), answerTime)),
            null, ("Twilio:MessagesPerSecond", "1"));
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await h.EnqueueAsync($"+155570106{i:00}", $"PO {i} approved", $"po-rate-{i}"));
        }

        await h.DriveUntilAllSentAsync(ids, TimeSpan.FromMilliseconds(50));

        var received = h.Simulator.CreateRequests.Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(5, received.Count);
        var gaps = received.Zip(received.Skip(1), (a, b) => b - a).ToList();
        var shown = string.Join(", ", gaps.Select(g => g.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)));
        // Never two in one second, and the next one second after the last left, not one second after its answer (1.4 s).
        Assert.All(gaps, g => Assert.True(g >= TimeSpan.FromSeconds(1) && g < TimeSpan.FromSeconds(1.2), $"gaps between creates (ms): {shown}"));
    }

    /// <summary>Twilio's answer reaches the connector <paramref name="answerTime"/> of the shared fake clock after its request.</summary>
    private sealed class SlowAnswers(FakeTimeProvider time, TimeSpan answerTime) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/Messages.json", StringComparison.Ordinal))
            {
                time.Advance(answerTime);
            }

            return response;
        }
    }
}
