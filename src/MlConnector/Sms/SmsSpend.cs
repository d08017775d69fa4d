namespace MlConnector.Sms;

/// <summary>One period's SMS usage as Twilio bills it (a UsageRecord of category <c>sms</c>): the price in its currency,
/// and Twilio's own count and usage with their units (messages and segments).</summary>
public sealed record SmsSpend(decimal? Price, string Currency, string Count, string CountUnit, string Usage, string UsageUnit,
    DateOnly? From, DateOnly? To);

/// <summary>What the overview shows of this month's SMS spend: Twilio's figure, or in words why there is none
/// (<see cref="Problem"/>), as read at <see cref="ReadAt"/>.</summary>
public sealed record SmsSpendReading(SmsSpend? Spend, string? Problem, DateTimeOffset ReadAt);
