using System.Text.Json.Serialization;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>How the called phone reacts to a simulated call.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallOutcome>))]
public enum CallOutcome
{
    /// <summary>Rings, is answered, and the call follows its TwiML until it hangs up (status completed).</summary>
    Answer,
    /// <summary>Busy signal after ringing starts (status busy; no TwiML is run).</summary>
    Busy,
    /// <summary>Rings for the create's Timeout, then gives up (status no-answer).</summary>
    NoAnswer,
    /// <summary>Cannot be connected at all (status failed, no ringing).</summary>
    Failed,
}
