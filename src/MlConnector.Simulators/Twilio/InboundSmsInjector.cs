using System.Globalization;
using Microsoft.Extensions.Logging;
using MlConnector.Common;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Plays a handset texting our Twilio number: applies Twilio's opt-out keywords (single word, any case) to the
/// opt-out list, records the inbound message and POSTs the signed webhook Twilio would send.
/// </summary>
internal sealed class InboundSmsInjector(TwilioSimulatorState state, CallbackSender sender, ILogger<InboundSmsInjector> logger)
{
    private static readonly HashSet<string> Stop = new(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"], StringComparer.Ordinal);
    private static readonly HashSet<string> Start = new(["START", "YES", "UNSTOP"], StringComparer.Ordinal);
    private static readonly HashSet<string> Help = new(["HELP", "INFO"], StringComparer.Ordinal);

    public async Task<InboundResult> InjectAsync(string from, string body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentNullException.ThrowIfNull(body);
        var url = state.Options.InboundWebhookUrl
            ?? throw new InvalidOperationException("No inbound webhook URL is configured (TwilioSimulatorOptions.InboundWebhookUrl).");

        var keyword = body.Trim().ToUpperInvariant();
        string? optOutType = null;
        if (Stop.Contains(keyword))
        {
            optOutType = "STOP";
            state.OptOut(from);
        }
        else if (Start.Contains(keyword))
        {
            optOutType = "START";
            state.OptIn(from);
        }
        else if (Help.Contains(keyword))
        {
            optOutType = "HELP";
        }

        var now = state.Time.GetUtcNow();
        var to = state.Options.InboundToNumber;
        var segments = SmsSegments.Count(body).Segments;
        var message = new SimulatedMessage(TwilioSimulatorState.NewSid("SM"), now, "inbound", to, from, body, null, null,
            "received", null, null, segments, 0, now, now);
        state.Add(message);

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MessageSid"] = message.Sid,
            ["SmsSid"] = message.Sid,
            ["SmsMessageSid"] = message.Sid,
            ["AccountSid"] = state.Options.AccountSid,
            ["From"] = from,
            ["To"] = to,
            ["Body"] = body,
            ["NumMedia"] = "0",
            ["NumSegments"] = segments.ToString(CultureInfo.InvariantCulture),
            ["ApiVersion"] = TwilioJson.ApiVersion,
            ["SmsStatus"] = "received",
        };
        if (optOutType is not null)
        {
            parameters["OptOutType"] = optOutType;
        }

        var (status, contentType, responseBody, _) = await sender.PostSignedAsync(url, parameters, null, cancellationToken);
        logger.InboundPosted(message.Sid, status);
        return new InboundResult(message.Sid, status, contentType, responseBody);
    }
}
