namespace MlConnector.Alerts;

/// <summary>Twilio message statuses in lifecycle order, and the alert state each puts an alert in. A final one
/// (delivered, undelivered, failed, read, canceled) never moves back, because callbacks may arrive out of order or twice.</summary>
public static class DeliveryStatuses
{
    public static int Rank(string? status) => status switch
    {
        null or "" => -1,
        "accepted" or "scheduled" or "queued" => 0,
        "sending" => 1,
        "sent" => 2,
        "delivered" or "undelivered" or "failed" or "read" or "canceled" => 3,
        _ => 0,
    };

    public static bool IsFinal(string? status) => Rank(status) == 3;

    /// <summary>Whether <paramref name="next"/> may replace <paramref name="current"/>.</summary>
    public static bool Advances(string? current, string next) => !IsFinal(current) && Rank(next) >= Rank(current);

    /// <summary>The alert state a status puts an alert in, or null to leave it.</summary>
    public static string? AlertState(string status) => status switch
    {
        "sent" => AlertStates.Sent,
        "delivered" or "read" => AlertStates.Delivered,
        "undelivered" => AlertStates.Undelivered,
        "failed" => AlertStates.Failed,
        _ => null,
    };
}
