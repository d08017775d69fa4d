namespace MlConnector.Sms;

/// <summary>Sends texts and finds earlier sends (for reconciling sends in doubt).</summary>
public interface ISmsSender
{
    /// <summary>One Messages-create request, never retried here (the outbox is the only place that retries).</summary>
    Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Looks for a message to <paramref name="phone"/> with this body created since <paramref name="since"/>, newest
    /// first, in the first pages of Twilio's message list only, skipping <paramref name="excluded"/> (texts recorded on
    /// other alerts). Never throws for what Twilio answers: a list that cannot be read is <see cref="LookupResult.Unknown"/>.
    /// </summary>
    Task<LookupResult> FindAsync(string phone, string body, DateTimeOffset since, IReadOnlySet<string> excluded,
        CancellationToken cancellationToken);

    /// <summary>Fetches one message's current status (GET Messages/{Sid}); never throws for what Twilio answers.</summary>
    Task<LookupResult> FetchAsync(string messageSid, CancellationToken cancellationToken);
}
