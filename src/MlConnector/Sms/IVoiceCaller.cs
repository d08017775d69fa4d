namespace MlConnector.Sms;

/// <summary>What a call's create came to: placed (with its CallSid) or refused (with Twilio's code and why).</summary>
public abstract record CallResult
{
    public sealed record Placed(string CallSid) : CallResult;

    public sealed record Refused(int? Code, string Reason) : CallResult;
}

/// <summary>What a look at Twilio's call list came to: a call (its CallSid), none, or a list that could not be read.</summary>
public abstract record CallLookup
{
    public sealed record Found(string CallSid) : CallLookup;

    public sealed record NotFound : CallLookup;

    public sealed record Unknown(string Reason) : CallLookup;
}

/// <summary>Places voice calls through Twilio's Calls API.</summary>
public interface IVoiceCaller
{
    /// <summary>One Calls-create request with inline TwiML, from Twilio:From; never throws for what Twilio answers.</summary>
    Task<CallResult> PlaceAsync(string phone, string twiml, Uri statusCallback, CancellationToken cancellationToken);

    /// <summary>A call Twilio holds to <paramref name="phone"/> from Twilio:From, created since <paramref name="since"/>,
    /// that is none of <paramref name="excluded"/> (the newest such); Unknown when the list cannot be read.</summary>
    Task<CallLookup> FindAsync(string phone, DateTimeOffset since, IReadOnlySet<string> excluded, CancellationToken cancellationToken);
}
