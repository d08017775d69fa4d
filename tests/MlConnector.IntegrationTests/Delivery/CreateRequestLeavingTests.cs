using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.IntegrationTests.Simulators.Twilio;
using MlConnector.Sms;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>When a Messages-create request leaves, as the send rate counts it: when its bytes go out on a connection.</summary>
public sealed class CreateRequestLeavingTests
{
    [Fact]
    public async Task Send_RequestWaitsForANewConnection_LeavesOnceWhenItsBytesGoOut()
    {
        await using var twilio = await CallbackListener.StartAsync();
        var connecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connectionMayOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var connections = new SocketsHttpHandler
        {
            PlaintextStreamFilter = OnWireStream.Wrap,
            // A handshake that takes its time (TCP and TLS to Twilio at a burst's start).
            ConnectCallback = async (context, ct) =>
            {
                connecting.TrySetResult();
                await connectionMayOpen.Task.WaitAsync(ct);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(new CreateRequestWatch(TimeProvider.System) { InnerHandler = connections });
        var left = 0;

        var send = SendAsync(client, twilio.BaseAddress, () => Interlocked.Increment(ref left));
        await connecting.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(0, Volatile.Read(ref left)); // waiting for its connection: not on its way to Twilio yet
        connectionMayOpen.SetResult();
        await send.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(1, left); // headers and form body written: said once

        var leftOnPooledConnection = 0;
        await SendAsync(client, twilio.BaseAddress, () => Interlocked.Increment(ref leftOnPooledConnection)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(1, leftOnPooledConnection);
        Assert.Equal(1, left);
        Assert.Equal(2, twilio.Received.Count);
    }

    [Fact]
    public void TwilioClient_ConnectionsSayWhenARequestGoesOut()
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddTransient<CreateRequestWatch>();
        services.AddHttpClient(TwilioSmsSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(SmsExtensions.TwilioConnections)
            .AddHttpMessageHandler<CreateRequestWatch>();
        using var provider = services.BuildServiceProvider();

        HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(TwilioSmsSender.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        var connections = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.NotNull(connections.PlaintextStreamFilter);
        Assert.False(connections.AllowAutoRedirect);
    }

    private static async Task SendAsync(HttpClient client, Uri twilio, Action leaving)
    {
        // A flow of its own, as each of the dispatcher's sends has.
        await Task.Yield();
        CreateRequestWatch.Begin(leaving);
        using var response = await client.PostAsync(new Uri(twilio, "2010-04-01/Accounts/AC1/Messages.json"),
            new FormUrlEncodedContent([new("To", "+15557010601"), new("Body", "PO 1 approved")]));
        response.EnsureSuccessStatusCode();
    }
}
