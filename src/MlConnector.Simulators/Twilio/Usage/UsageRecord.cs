namespace MlConnector.Simulators.Twilio.Usage;

/// <summary>One category's usage in a period of GMT days (both ends included).</summary>
public sealed record UsageRecord(string Category, string Description, DateOnly StartDate, DateOnly EndDate, long? Count,
    string CountUnit, decimal Usage, string UsageUnit, decimal Price);
