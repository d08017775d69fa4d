using System.Globalization;
using MlConnector.Simulators.Twilio.PhoneNumbers;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>The Call resource of API 2010-04-01 (schema <c>api.v2010.account.call</c>): every field, counts as strings.</summary>
internal sealed record CallWire(
    string Sid,
    string DateCreated,
    string DateUpdated,
    string? ParentCallSid,
    string AccountSid,
    string To,
    string ToFormatted,
    string From,
    string FromFormatted,
    string? PhoneNumberSid,
    string Status,
    string? StartTime,
    string? EndTime,
    string? Duration,
    string? Price,
    string PriceUnit,
    string Direction,
    string? AnsweredBy,
    string ApiVersion,
    string? ForwardedFrom,
    string? GroupSid,
    string? CallerName,
    string QueueTime,
    string? TrunkSid,
    string Uri,
    IReadOnlyDictionary<string, string> SubresourceUris);

internal static class CallJson
{
    public static CallWire Call(string accountSid, SimulatedCall c, PhoneNumberStore numbers)
    {
        var uri = $"/{TwilioJson.ApiVersion}/Accounts/{accountSid}/Calls/{c.Sid}.json";
        var sub = uri[..^".json".Length];
        return new CallWire(c.Sid, TwilioJson.Rfc2822(c.DateCreated), TwilioJson.Rfc2822(c.DateUpdated), null, accountSid,
            c.To, PhoneNumberStore.Display(c.To), c.From, PhoneNumberStore.Display(c.From), numbers.FindByNumber(c.From)?.Sid,
            c.Status, c.StartTime is { } start ? TwilioJson.Rfc2822(start) : null,
            c.EndTime is { } end ? TwilioJson.Rfc2822(end) : null,
            c.Duration?.ToString(CultureInfo.InvariantCulture), null, "USD", "outbound-api", null, TwilioJson.ApiVersion,
            null, null, null, "0", null, uri, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["feedback"] = sub + "/Feedback.json",
                ["notifications"] = sub + "/Notifications.json",
                ["recordings"] = sub + "/Recordings.json",
                ["streams"] = sub + "/Streams.json",
                ["payments"] = sub + "/Payments.json",
                ["user_defined_message_subscriptions"] = sub + "/UserDefinedMessageSubscriptions.json",
                ["user_defined_messages"] = sub + "/UserDefinedMessages.json",
                ["events"] = sub + "/Events.json",
                ["siprec"] = sub + "/Siprec.json",
                ["transcriptions"] = sub + "/Transcriptions.json",
            });
    }
}
