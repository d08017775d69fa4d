using System.Globalization;
using MlConnector.Alerts;

namespace MlConnector.Webhooks;

/// <summary>
/// A status callback: read from Twilio's form and handed to the alerts' <see cref="DeliveryEvents"/> (recorded once
/// per MessageSid and status, applied unless it would move a final status back, audited). A duplicate is answered 200
/// and changes nothing.
/// </summary>
internal sealed class StatusCallbackHandler(DeliveryEvents events, TimeProvider time, ILogger<StatusCallbackHandler> logger)
{
    public async Task HandleAsync(IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid") ?? "";
        var status = form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("SmsStatus") ?? "";
        int? errorCode = int.TryParse(form.GetValueOrDefault("ErrorCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
        var result = await events.RecordAsync(new StatusCallback(sid, status, errorCode, form), time.GetUtcNow(), ct);
        if (result.Duplicate)
        {
            logger.DuplicateCallback(sid, status);
            return;
        }

        logger.StatusReceived(sid, status, errorCode, result.Applied);
    }
}
