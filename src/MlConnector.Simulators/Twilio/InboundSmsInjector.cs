using System.Globalization;
using Microsoft.Extensions.Logging;
using MlConnector.Common;
using MlConnector.Simulators.Twilio.PhoneNumbers;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Plays a handset texting one of our Twilio numbers: applies Twilio's opt-out keywords (single word, any case) to the
/// opt-out list, records the inbound message and sends the signed webhook Twilio would send, to the URL the number
/// (or its Messaging Service) is configured with (<see cref="PhoneNumberStore.InboundTargetFor"/>).
/// </summary>
internal sealed class InboundSmsInjector(TwilioSimulatorState state, PhoneNumberStore numbers, CallbackSender sender,
    ILogger<InboundSmsInjector> logger)
{
    private static readonly HashSet<string> Stop = new(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"], StringComparer.Ordinal);
    private static readonly HashSet<string> Start = new(["START", "YES", "UNSTOP"], StringComparer.Ordinal);
    private static readonly HashSet<string> Help = new(["HELP", "INFO"], StringComparer.Ordinal);

    /// <summary>Texts <paramref name="body"/> from <paramref name="from"/> to <paramref name="to"/> (the default inbound number when null).</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not a number of the account.</exception>
    /// <exception cref="InvalidOperationException">No URL is configured for the number.</exception>
    public async Task<InboundResult> InjectAsync(string from, string body, string? to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentNullException.ThrowIfNull(body);
        to ??= state.Options.InboundToNumber;
        if (numbers.FindByNumber(to) is null)
        {
            throw new ArgumentException($"{to} is not one of the simulated account's numbers.", nameof(to));
        }

        var target = numbers.InboundTargetFor(to) ?? throw new InvalidOperationException(
            $"No inbound webhook URL is configured for {to} (its SmsUrl, its Messaging Service or TwilioSimulatorOptions.InboundWebhookUrl).");

        // Per sender (as on Twilio): a STOP blocks the number texted and, when the number is one of a Messaging
        // Service's senders, the service. Otherwise every sender of the account (the simulator's older, simpler rule).
        var holder = numbers.Services.FirstOrDefault(s => s.Senders.Contains(to, StringComparer.Ordinal))?.Sid;
        string[] senders = !state.Options.OptOutsPerSender ? [TwilioSimulatorState.AnySender] : holder is null ? [to] : [to, holder];
        var keyword = body.Trim().ToUpperInvariant();
        string? optOutType = null;
        if (Stop.Contains(keyword))
        {
            optOutType = "STOP";
            Array.ForEach(senders, s => state.OptOut(from, s));
        }
        else if (Start.Contains(keyword))
        {
            optOutType = "START";
            Array.ForEach(senders, s => state.OptIn(from, s));
        }
        else if (Help.Contains(keyword))
        {
            optOutType = "HELP";
        }

        var now = state.Time.GetUtcNow();
        var segments = SmsSegments.Count(body).Segments;
        var message = new SimulatedMessage(TwilioSimulatorState.NewSid("SM"), now, "inbound", to, from, body,
            target.MessagingServiceSid, null, "received", null, null, segments, 0, now, now);
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

        if (target.MessagingServiceSid is { } service)
        {
            parameters["MessagingServiceSid"] = service;
        }

        var answer = await sender.SendSignedAsync(target.Url, target.Method, parameters, null, cancellationToken);
        logger.InboundPosted(message.Sid, answer.Status);
        return new InboundResult(message.Sid, answer.Status, answer.ContentType, answer.Body, target.Url);
    }
}
