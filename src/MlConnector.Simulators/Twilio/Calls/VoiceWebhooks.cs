using System.Globalization;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>The parameters of Twilio's voice webhooks (TwiML fetches, &lt;Gather&gt; actions, status callbacks).</summary>
internal static class VoiceWebhooks
{
    public static Dictionary<string, string> Parameters(string accountSid, LiveCall call, string callStatus) => new(StringComparer.Ordinal)
    {
        ["AccountSid"] = accountSid,
        ["ApiVersion"] = TwilioJson.ApiVersion,
        ["CallSid"] = call.Sid,
        ["CallStatus"] = callStatus,
        ["Called"] = call.Request.To,
        ["Caller"] = call.Request.From,
        ["Direction"] = "outbound-api",
        ["From"] = call.Request.From,
        ["To"] = call.Request.To,
    };

    /// <summary>A status callback: the common parameters plus the progress-event ones.</summary>
    public static Dictionary<string, string> StatusCallback(string accountSid, LiveCall call, string callStatus,
        DateTimeOffset at)
    {
        var p = Parameters(accountSid, call, callStatus);
        p["CallbackSource"] = "call-progress-events";
        p["SequenceNumber"] = (call.CallbacksSent++).ToString(CultureInfo.InvariantCulture);
        p["Timestamp"] = TwilioJson.Rfc2822(at);
        if (call.AnsweredAt is { } answered && callStatus == "completed")
        {
            p["CallDuration"] = ((int)Math.Ceiling((at - answered).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return p;
    }
}
