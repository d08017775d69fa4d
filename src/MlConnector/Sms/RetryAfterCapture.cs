namespace MlConnector.Sms;

/// <summary>
/// Reads Retry-After off Twilio's answer. The SDK's ApiException carries no headers, so this handler writes the value
/// into a holder the sender puts in an AsyncLocal before calling the SDK (the holder flows down to the handler).
/// </summary>
internal sealed class RetryAfterCapture(TimeProvider time) : DelegatingHandler
{
    private static readonly AsyncLocal<Holder?> Current = new();

    public static Holder Begin() => Current.Value = new Holder();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Current.Value is { } holder && response.Headers.RetryAfter is { } retryAfter)
        {
            holder.Value = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        }

        return response;
    }

    internal sealed class Holder
    {
        public TimeSpan? Value { get; set; }
    }
}
