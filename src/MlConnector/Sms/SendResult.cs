namespace MlConnector.Sms;

/// <summary>What one Messages-create request came to. The dispatcher maps each case to an alert state.</summary>
public abstract record SendResult
{
    private SendResult()
    {
    }

    /// <summary>Twilio accepted the message.</summary>
    public sealed record Sent(string MessageSid) : SendResult;

    /// <summary>Not accepted, safe to try again later (429, 5xx, queue full).</summary>
    public sealed record Transient(int? Code, string Reason, TimeSpan? RetryAfter) : SendResult;

    /// <summary>Not accepted and never will be as it stands (invalid number, unsubscribed, bad credentials).</summary>
    public sealed record Permanent(int Code, string Reason) : SendResult;

    /// <summary>The request may have reached Twilio (timeout or connection lost after sending): reconcile before resending.</summary>
    public sealed record InDoubt(string Reason) : SendResult;
}

/// <summary>One text to send.</summary>
public sealed record SmsMessage(string To, string Body, TimeSpan ValidityPeriod, Uri? StatusCallback)
{
    /// <summary>Called as the create request goes out on its connection to Twilio (the send rate counts from then); not
    /// called when it never got that far.</summary>
    public Action? Leaving { get; init; }
}

/// <summary>What looking for an earlier, possibly accepted send found.</summary>
public abstract record LookupResult
{
    private LookupResult()
    {
    }

    public sealed record Found(string MessageSid, string Status, int? ErrorCode = null) : LookupResult;

    public sealed record NotFound : LookupResult;

    public sealed record Unknown(string Reason) : LookupResult;
}
