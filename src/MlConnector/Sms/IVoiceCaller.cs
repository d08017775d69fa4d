namespace MlConnector.Sms;

/// <summary>What a call's create came to: placed (with its CallSid) or refused (with Twilio's code and why).</summary>
public abstract record CallResult
{
    public sealed record Placed(string CallSid) : CallResult;

    public sealed record Refused(int? Code, string Reason) : CallResult;
}

/// <summary>Places voice calls through Twilio's Calls API.</summary>
public interface IVoiceCaller
{
    /// <summary>One Calls-create request with inline TwiML, from Twilio:From; never throws for what Twilio answers.</summary>
    Task<CallResult> PlaceAsync(string phone, string twiml, Uri statusCallback, CancellationToken cancellationToken);
}
