namespace MlConnector.Simulators.Twilio;

/// <summary>The resource whose requests a fault hits.</summary>
public enum TwilioFaultTarget
{
    /// <summary>POST Messages.json.</summary>
    Messages,
    /// <summary>Every Calls route (create, fetch, list).</summary>
    Calls,
    /// <summary>Every Verify v2 route (Verifications, VerificationCheck).</summary>
    Verify,
    /// <summary>Every IncomingPhoneNumbers route.</summary>
    PhoneNumbers,
    /// <summary>Every Messaging Services route (messaging.twilio.com/v1/Services).</summary>
    MessagingServices,
    /// <summary>Every Usage Records route.</summary>
    Usage,
    /// <summary>GET Messages.json: the message list, every page of it.</summary>
    MessageList,
    /// <summary>GET Messages/{Sid}.json: one message fetched.</summary>
    MessageFetch,
}

/// <summary>What an injected fault does to one request.</summary>
public enum TwilioFaultKind
{
    /// <summary>429 with the JSON error 20429 (the SDK sees ApiException Code 20429).</summary>
    TooManyRequests,
    /// <summary>429 with an empty body (the SDK sees ApiException Code 0, Status 0).</summary>
    TooManyRequestsNoBody,
    ServerErrorJson,
    ServerErrorHtml,
    ServiceUnavailableJson,
    ServiceUnavailableHtml,
    /// <summary>Never answer; the request ends only when the client gives up.</summary>
    Hang,
    /// <summary>Wait <see cref="TwilioFault.Delay"/> of simulated time, then process the request normally.</summary>
    Slow,
    /// <summary>
    /// Process the request (a message or call is stored and goes on as usual), then abort the connection so the client
    /// never sees the answer.
    /// </summary>
    AcceptThenDrop,
}

/// <summary>One fault. <paramref name="RetryAfter"/> adds a Retry-After header (seconds) to 429/503 answers.</summary>
public sealed record TwilioFault(TwilioFaultKind Kind, TimeSpan Delay = default, int? RetryAfter = null);
