namespace MlConnector.Simulators.Twilio;

/// <summary>How a simulated message ends: delivered, undelivered (after "sent") or failed (never sent).</summary>
public sealed record DeliveryOutcome(string FinalStatus, int? ErrorCode, string? ErrorMessage)
{
    public static DeliveryOutcome Delivered { get; } = new("delivered", null, null);

    /// <summary>Carrier said not delivered, e.g. 30003 unreachable handset, 30005 unknown handset.</summary>
    public static DeliveryOutcome Undelivered(int errorCode) => new("undelivered", errorCode, ErrorTitle(errorCode));

    /// <summary>Twilio could not send at all, e.g. 30008 unknown error, 30001 queue overflow.</summary>
    public static DeliveryOutcome Failed(int errorCode) => new("failed", errorCode, ErrorTitle(errorCode));

    internal bool IsFailed => FinalStatus == "failed";

    private static string ErrorTitle(int code) => code switch
    {
        30001 => "Queue overflow",
        30003 => "Unreachable destination handset",
        30005 => "Unknown destination handset",
        30006 => "Landline or unreachable carrier",
        30007 => "Carrier violation",
        30008 => "Unknown error",
        _ => "Delivery error",
    };
}
