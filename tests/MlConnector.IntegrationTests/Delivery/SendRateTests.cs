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

        Assert.Equal(5, h.Simulator.CreateRequests.Count);
        var (gaps, shown) = GapsBetween(h.Simulator.CreateRequests.Select(r => r.ReceivedAt));
        // Never two in one second, and the next one second after the last left, not one second after its answer (1.4 s);
        // only the first request, sent before any answer came back, counts until one second after its answer.
        Assert.All(gaps, g => Assert.True(g >= TimeSpan.FromSeconds(1), $"gaps between creates (ms): {shown}"));
        Assert.All(gaps.Skip(1), g => Assert.True(g < TimeSpan.FromSeconds(1.2), $"gaps between creates (ms): {shown}"));
    }

    [Fact]
    public async Task Send_SomeRequestsReachTwilioLater_NoTwoArriveWithinOneSecond()
    {
        // Every other create spends 15 ms on its way to Twilio. Counted from when each left here, the next one left
        // one second after a slow one and arrived 985 ms after it: Twilio answered 429.
        await using var h = await DeliveryHarness.StartAsync(
            builder => builder.Services.AddHttpClient(TwilioSmsSender.HttpClientName)
                .AddHttpMessageHandler(sp => new SlowArrivals((FakeTimeProvider)sp.GetRequiredService<TimeProvider>(), TimeSpan.FromMilliseconds(15))),
            null, ("Twilio:MessagesPerSecond", "1"));
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await h.EnqueueAsync($"+155570107{i:00}", $"PO {i} approved", $"po-arrival-{i}"));
        }

        await h.DriveUntilAllSentAsync(ids, TimeSpan.FromMilliseconds(5));

        var requests = h.Simulator.CreateRequests;
        Assert.Equal((6, 0), (requests.Count, requests.Count(r => r.HttpStatus != 201)));
        var (gaps, shown) = GapsBetween(requests.Select(r => r.ReceivedAt));
        // At the limit all the same: the allowance for the way there costs at most 20 ms a second.
        Assert.All(gaps, g => Assert.True(g >= TimeSpan.FromSeconds(1) && g < TimeSpan.FromSeconds(1.05), $"gaps between creates (ms): {shown}"));
    }

    /// <summary>The gaps between the creates Twilio received, in order, and the same in ms for a failure message.</summary>
    private static (List<TimeSpan> Gaps, string Shown) GapsBetween(IEnumerable<DateTimeOffset> receivedAt)
    {
        var received = receivedAt.Order().ToList();
        var gaps = received.Zip(received.Skip(1), (a, b) => b - a).ToList();
        return (gaps, string.Join(", ", gaps.Select(g => g.TotalMilliseconds.ToString(CultureInfo.InvariantCulture))));
    }

    private static bool IsCreate(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/Messages.json", StringComparison.Ordinal);

    /// <summary>Every other create reaches Twilio <paramref name="delay"/> of the shared fake clock after it left.</summary>
    private sealed class SlowArrivals(FakeTimeProvider time, TimeSpan delay) : DelegatingHandler
    {
        private int _creates;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (IsCreate(request)
                && Interlocked.Increment(ref _creates) % 2 == 1)
            {
                time.Advance(delay);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Twilio's answer reaches the connector <paramref name="answerTime"/> of the shared fake clock after its request.</summary>
    private sealed class SlowAnswers(FakeTimeProvider time, TimeSpan answerTime) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (IsCreate(request))
            {
                time.Advance(answerTime);
            }

            return response;
        }
    }
}
