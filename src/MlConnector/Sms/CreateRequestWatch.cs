namespace MlConnector.Sms;

/// <summary>
/// Watches a Messages-create request on its way, as the innermost handler of the Twilio client: says when the request
/// leaves (the send rate counts from that moment, not from before the SDK built it: the SDK's and a new connection's
/// work would count as time on the way to Twilio), and reads Retry-After off the answer (the SDK's ApiException
/// carries no headers). The sender puts a <see cref="Watch"/> in an AsyncLocal before calling the SDK; it flows down
/// to this handler.
/// </summary>
internal sealed class CreateRequestWatch(TimeProvider time) : DelegatingHandler
{
    private static readonly AsyncLocal<Watch?> Current = new();

    public static Watch Begin(Action? leaving) => Current.Value = new Watch(leaving);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var watch = Current.Value;
        watch?.Leaving?.Invoke();
        var response = await base.SendAsync(request, cancellationToken);
        if (watch is not null && response.Headers.RetryAfter is { } retryAfter)
        {
            watch.RetryAfter = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        }

        return response;
    }

    internal sealed class Watch(Action? leaving)
    {
        public Action? Leaving { get; } = leaving;

        public TimeSpan? RetryAfter { get; set; }
    }
}
