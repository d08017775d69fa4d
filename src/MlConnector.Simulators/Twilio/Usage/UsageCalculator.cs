using MlConnector.Common;
using MlConnector.Simulators.Twilio.Calls;

namespace MlConnector.Simulators.Twilio.Usage;

/// <summary>
/// Usage computed from what the simulator handled in a period (GMT days, by creation time): SMS counts messages and
/// bills segments (outbound messages that did not fail, and inbound ones), calls count answered calls and bill started
/// minutes, totalprice adds both. Prices come from <see cref="UsageSimulatorOptions"/>. Categories, descriptions and
/// units follow Twilio's usage categories; the descriptions are this simulator's wording.
/// </summary>
internal sealed class UsageCalculator(TwilioSimulatorState state, CallStore calls)
{
    public static readonly string[] Categories = ["sms", "sms-outbound", "sms-inbound", "calls", "calls-outbound", "totalprice"];

    public IReadOnlyList<UsageRecord> Records(DateOnly start, DateOnly end)
    {
        var prices = state.Options.Usage;
        bool In(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime) is var day && day >= start && day <= end;
        var messages = state.Messages.Where(m => In(m.ReceivedAt) && m.Status != "failed").ToList();
        var outbound = messages.Where(m => m.Direction != "inbound").ToList();
        var inbound = messages.Where(m => m.Direction == "inbound").ToList();
        var answered = calls.Calls.Where(c => In(c.DateCreated) && c.Duration is not null).ToList();
        var minutes = answered.Sum(c => (long)Math.Ceiling(c.Duration!.Value / 60.0));
        var sms = Sms("sms", "SMS", messages, start, end, prices.PricePerSegment);
        var voice = new UsageRecord("calls", "Voice Minutes", start, end, answered.Count, "calls", minutes, "minutes",
            minutes * prices.PricePerCallMinute);
        var total = sms.Price + voice.Price;
        return
        [
            sms,
            Sms("sms-outbound", "Outbound SMS", outbound, start, end, prices.PricePerSegment),
            Sms("sms-inbound", "Inbound SMS", inbound, start, end, prices.PricePerSegment),
            voice,
            voice with { Category = "calls-outbound", Description = "Outbound Voice Minutes" },
            new UsageRecord("totalprice", "Total Price", start, end, null, "", total, prices.PriceUnit, total),
        ];
    }

    private static UsageRecord Sms(string category, string description, List<SimulatedMessage> messages, DateOnly start,
        DateOnly end, decimal pricePerSegment)
    {
        var segments = messages.Sum(m => (long)Segments(m));
        return new UsageRecord(category, description, start, end, messages.Count, "messages", segments, "segments",
            segments * pricePerSegment);
    }

    /// <summary>A message sent through a service shows "0" segments until a sender is picked; bill its body's count.</summary>
    private static int Segments(SimulatedMessage m) =>
        m.NumSegments > 0 || m.Body is null ? m.NumSegments : SmsSegments.Count(m.Body).Segments;
}
