namespace MlConnector.Sms;

/// <summary>
/// Watches a Messages-create request on its way, as the innermost handler of the Twilio client: says when the request
/// goes out on its connection (the send rate counts from that moment; see <see cref="OnWireStream"/>), and reads
/// Retry-After off the answer (the SDK's ApiException carries no headers). The sender puts a <see cref="Watch"/> in an
/// AsyncLocal before calling the SDK; it flows down to this handler and to the connection's writes.
/// </summary>
internal sealed class CreateRequestWatch(TimeProvider time) : DelegatingHandler
{
    private static readonly AsyncLocal<Watch?> Current = new();

    public static Watch Begin(Action? leaving) => Current.Value = new Watch(leaving);

    /// <summary>The request of the current flow is being written to its connection: it leaves now (once).</summary>
    public static void OnWire() => Current.Value?.Left();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var watch = Current.Value;
        var response = await base.SendAsync(request, cancellationToken);
        if (watch is not null && response.Headers.RetryAfter is { } retryAfter)
        {
            watch.RetryAfter = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        }

        return response;
    }

    internal sealed class Watch(Action? leaving)
    {
        private int _left;

        public TimeSpan? RetryAfter { get; set; }

        /// <summary>Says the request left, the first time only (a request is written in several pieces).</summary>
        public void Left()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                leaving?.Invoke();
            }
        }
    }
}
