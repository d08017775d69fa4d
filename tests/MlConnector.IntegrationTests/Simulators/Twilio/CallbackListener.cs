using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>One webhook request as the listener saw it.</summary>
internal sealed record ReceivedWebhook(string Url, Dictionary<string, string> Form, string Signature, string? IdempotencyToken);

/// <summary>A local HTTP endpoint standing in for the connector's webhooks; answers TwiML like the real one.</summary>
internal sealed class CallbackListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallbackListener(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public static async Task<CallbackListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        CallbackListener? listener = null;
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}";
            listener!.Received.Enqueue(new ReceivedWebhook(url, form.ToDictionary(f => f.Key, f => f.Value.ToString()),
                context.Request.Headers["X-Twilio-Signature"].ToString(),
                context.Request.Headers["I-Twilio-Idempotency-Token"].FirstOrDefault()));
            return Results.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", "text/xml");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        listener = new CallbackListener(app, new Uri(address.TrimEnd('/') + "/"));
        return listener;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
