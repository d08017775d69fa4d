using System.Threading.Channels;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Twilio;

/// <summary>A callback that is due: where to POST it, what to sign, and the token Twilio puts on retries.</summary>
internal sealed record PendingCallback(Uri Url, string MessageSid, string Status,
    IReadOnlyDictionary<string, string> Parameters, string IdempotencyToken);

/// <summary>What a webhook answered: HTTP status (0 when unreachable), content type, body and the signature sent.</summary>
internal sealed record WebhookAnswer(int Status, string? ContentType, string Body, string Signature);

/// <summary>
/// Sends Twilio's webhooks. Message status callbacks are posted one at a time, in the order they fell due, and counted
/// while on their way so tests can await "every due callback delivered" instead of sleeping; other webhooks (inbound
/// texts, voice) are sent directly with <see cref="SendSignedAsync"/>.
/// </summary>
internal sealed class CallbackSender(TwilioSimulatorState state, ILogger<CallbackSender> logger) : BackgroundService
{
    private readonly Channel<PendingCallback> _channel = Channel.CreateUnbounded<PendingCallback>();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(15), // Twilio's own webhook timeout
    };
    private readonly PendingWork _pending = new();

    public void Enqueue(PendingCallback callback)
    {
        _pending.Add();
        _channel.Writer.TryWrite(callback);
    }

    /// <summary>Completes when every callback enqueued so far has been posted (or has failed to post).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken) => _pending.WhenIdleAsync(cancellationToken);

    /// <summary>A signed, form-encoded POST, as Twilio sends webhooks. Returns status 0 when the target is unreachable.</summary>
    public async Task<(int Status, string? ContentType, string Body, string Signature)> PostSignedAsync(Uri url,
        IReadOnlyDictionary<string, string> parameters, string? idempotencyToken, CancellationToken cancellationToken)
    {
        var answer = await SendSignedAsync(url, "POST", parameters, idempotencyToken, cancellationToken);
        return (answer.Status, answer.ContentType, answer.Body, answer.Signature);
    }

    /// <summary>
    /// A signed webhook: POST sends the parameters form-encoded and signs URL + sorted parameters; GET appends them to
    /// the query and signs the full URL alone (specs/twilio.md, section 5). Status 0 when the target is unreachable.
    /// </summary>
    public async Task<WebhookAnswer> SendSignedAsync(Uri url, string method, IReadOnlyDictionary<string, string> parameters,
        string? idempotencyToken, CancellationToken cancellationToken)
    {
        var target = url.OriginalString.Split('#')[0]; // the fragment holds connection overrides, never signed
        var get = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        if (get)
        {
            target = QueryHelpers.AddQueryString(target, parameters.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
        }

        var signature = TwilioSignature.Compute(state.Options.AuthToken, target, get ? [] : parameters);
        using var request = new HttpRequestMessage(get ? HttpMethod.Get : HttpMethod.Post, target);
        if (!get)
        {
            request.Content = new FormUrlEncodedContent(parameters);
        }

        request.Headers.Add(TwilioSignature.Header, signature);
        request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");
        if (idempotencyToken is not null)
        {
            request.Headers.Add("I-Twilio-Idempotency-Token", idempotencyToken);
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new WebhookAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, signature);
        }
        catch (HttpRequestException e)
        {
            logger.WebhookUnreachable(e);
            return new WebhookAnswer(0, null, string.Empty, signature);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.WebhookUnreachable(e); // the listener took longer than the webhook timeout
            return new WebhookAnswer(0, null, string.Empty, signature);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var callback in _channel.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var answer = await SendSignedAsync(callback.Url, "POST", callback.Parameters, callback.IdempotencyToken,
                    stoppingToken);
                state.Record(new CallbackRecord(state.Time.GetUtcNow(), callback.Url, callback.MessageSid,
                    callback.Status, answer.Status, callback.Parameters, answer.Signature));
                logger.CallbackPosted(callback.MessageSid, callback.Status, answer.Status);
            }
            finally
            {
                _pending.Done();
            }
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
