namespace MlConnector.Simulators.Twilio;

/// <summary>What an injected fault does to one Messages-create request.</summary>
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
    /// <summary>Accept and record the message (it is listed and gets callbacks), then abort the connection.</summary>
    AcceptThenDrop,
}

/// <summary>One fault. <paramref name="RetryAfter"/> adds a Retry-After header (seconds) to 429/503 answers.</summary>
public sealed record TwilioFault(TwilioFaultKind Kind, TimeSpan Delay = default, int? RetryAfter = null);
