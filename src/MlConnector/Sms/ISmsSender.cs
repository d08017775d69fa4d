namespace MlConnector.Sms;

/// <summary>Sends texts and finds earlier sends (for reconciling sends in doubt).</summary>
public interface ISmsSender
{
    /// <summary>One Messages-create request, never retried here (the outbox is the only place that retries).</summary>
    Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);

    /// <summary>Looks for a message to <paramref name="phone"/> with this body created since <paramref name="since"/>.</summary>
    Task<LookupResult> FindAsync(string phone, string body, DateTimeOffset since, CancellationToken cancellationToken);
}
