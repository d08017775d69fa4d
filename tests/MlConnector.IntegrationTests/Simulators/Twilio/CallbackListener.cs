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

/// <summary>One webhook request as the listener saw it (for a GET, Form holds the query parameters).</summary>
internal sealed record ReceivedWebhook(string Url, Dictionary<string, string> Form, string Signature, string? IdempotencyToken,
    string Method = "POST");

/// <summary>
/// A local HTTP endpoint standing in for the connector's webhooks; answers TwiML like the real one: an empty
/// <c>&lt;Response/&gt;</c>, or what <see cref="Answer"/> set for a path.
/// </summary>
internal sealed class CallbackListener : IAsyncDisposable
{
    private const string EmptyResponse = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new(StringComparer.Ordinal);

    private CallbackListener(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Requests to <paramref name="path"/> (e.g. "voice/answer") get <paramref name="body"/> as text/xml.</summary>
    public void Answer(string path, string body, int status = 200) => _answers["/" + path.TrimStart('/')] = (status, body);

    public static async Task<CallbackListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        CallbackListener? listener = null;
        app.MapMethods("/{**path}", ["GET", "POST"], async (HttpContext context) =>
        {
            var parameters = HttpMethods.IsPost(context.Request.Method)
                ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
                : context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}";
            listener!.Received.Enqueue(new ReceivedWebhook(url, parameters,
                context.Request.Headers["X-Twilio-Signature"].ToString(),
                context.Request.Headers["I-Twilio-Idempotency-Token"].FirstOrDefault(), context.Request.Method));
            return listener._answers.TryGetValue(context.Request.Path, out var answer)
                ? Results.Text(answer.Body, "text/xml", statusCode: answer.Status)
                : Results.Text(EmptyResponse, "text/xml");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        listener = new CallbackListener(app, new Uri(address.TrimEnd('/') + "/"));
        return listener;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
