using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Twilio;

/// <summary>A callback that is due: where to POST it, what to sign, and the token Twilio puts on retries.</summary>
internal sealed record PendingCallback(Uri Url, string MessageSid, string Status,
    IReadOnlyDictionary<string, string> Parameters, string IdempotencyToken);

/// <summary>
/// Posts due callbacks one at a time, in the order they fell due, and tracks how many are still on their way so tests
/// can await "every due callback delivered" instead of sleeping.
/// </summary>
internal sealed class CallbackSender(TwilioSimulatorState state, ILogger<CallbackSender> logger) : BackgroundService
{
    private readonly Channel<PendingCallback> _channel = Channel.CreateUnbounded<PendingCallback>();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(15), // Twilio's own webhook timeout
    };
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = CompletedSource();
    private int _pending;

    public void Enqueue(PendingCallback callback)
    {
        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        _channel.Writer.TryWrite(callback);
    }

    /// <summary>Completes when every callback enqueued so far has been posted (or has failed to post).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A signed, form-encoded POST, as Twilio sends webhooks. Returns status 0 when the target is unreachable.</summary>
    public async Task<(int Status, string? ContentType, string Body, string Signature)> PostSignedAsync(Uri url,
        IReadOnlyDictionary<string, string> parameters, string? idempotencyToken, CancellationToken cancellationToken)
    {
        var signedUrl = url.OriginalString.Split('#')[0]; // the fragment holds connection overrides, never signed
        var signature = TwilioSignature.Compute(state.Options.AuthToken, signedUrl, parameters);
        using var request = new HttpRequestMessage(HttpMethod.Post, signedUrl) { Content = new FormUrlEncodedContent(parameters) };
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
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, signature);
        }
        catch (HttpRequestException e)
        {
            logger.WebhookUnreachable(e);
            return (0, null, string.Empty, signature);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var callback in _channel.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var (status, _, _, signature) = await PostSignedAsync(callback.Url, callback.Parameters,
                    callback.IdempotencyToken, stoppingToken);
                state.Record(new CallbackRecord(state.Time.GetUtcNow(), callback.Url, callback.MessageSid,
                    callback.Status, status, callback.Parameters, signature));
                logger.CallbackPosted(callback.MessageSid, callback.Status, status);
            }
            catch (TaskCanceledException e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.WebhookUnreachable(e); // the listener took longer than the webhook timeout
            }
            finally
            {
                Done();
            }
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private void Done()
    {
        lock (_gate)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
