using System.Globalization;
using MlConnector.Alerts;
using MlConnector.Sms;

namespace MlConnector.Webhooks;

/// <summary>
/// A status callback: read from Twilio's form and handed to the alerts' <see cref="DeliveryEvents"/> (recorded once
/// per MessageSid and status, applied unless it would move a final status back, audited). A duplicate is answered 200
/// and changes nothing. The URL's <c>alert</c> and <c>send</c> (written by the dispatcher, covered by the signature)
/// name the alert and send whose create this message is, for a send whose answer was lost.
/// </summary>
internal sealed class StatusCallbackHandler(DeliveryEvents events, TimeProvider time, ILogger<StatusCallbackHandler> logger)
{
    public async Task HandleAsync(IReadOnlyDictionary<string, string> form, IQueryCollection query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid") ?? "";
        var status = form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("SmsStatus") ?? "";
        int? errorCode = int.TryParse(form.GetValueOrDefault("ErrorCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
        var callback = new StatusCallback(sid, status, errorCode, form)
        {
            AlertId = Number(query[PublicUrls.AlertParameter]), SendToken = Number(query[PublicUrls.SendParameter]),
        };
        var result = await events.RecordAsync(callback, time.GetUtcNow(), ct);
        if (result.Duplicate)
        {
            logger.DuplicateCallback(sid, status);
            return;
        }

        logger.StatusReceived(sid, status, errorCode, result.Applied);
    }

    private static long? Number(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
