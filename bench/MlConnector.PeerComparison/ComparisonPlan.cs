namespace MlConnector.PeerComparison;

/// <summary>
/// The parameters of one kind of run. <see cref="Full"/> follows issue 15's definitions (3 min, 10 idle minutes,
/// 50 changes, 1,000 alerts, 12,000 then 100,000 POs); <see cref="Quick"/> checks the tool end to end in minutes;
/// <see cref="Million"/> is the 1,000,000-PO memory step alone; <see cref="SendRates"/> the send-rate steps alone.
/// </summary>
internal sealed record ComparisonPlan(
    string Mode,
    int PurchaseOrders,
    int CadenceSeconds,
    TimeSpan RssAt,
    TimeSpan IdleWindow,
    int Changes,
    int Alerts,
    int? LargePurchaseOrders,
    TimeSpan LargeObservation,
    TimeSpan TimeCap)
{
    public static ComparisonPlan Full { get; } = new("full", 12_000, 5, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10),
        50, 1_000, 100_000, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(75));

    public static ComparisonPlan Quick { get; } = new("quick", 12_000, 5, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60),
        10, 200, 100_000, TimeSpan.FromSeconds(45), TimeSpan.FromMinutes(25));

    /// <summary>Only the size step (1,000,000 POs unless told): first poll plus 3 min of re-polls, peak RSS.</summary>
    public static ComparisonPlan Million(int purchaseOrders = 1_000_000) => new("million", purchaseOrders, 5, TimeSpan.Zero, TimeSpan.Zero,
        0, 0, purchaseOrders, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(75));

    /// <summary>Only the two send-rate steps (10/s and 50/s, 1,000 alerts each) on 12,000 POs.</summary>
    public static ComparisonPlan SendRates { get; } = new("send", 12_000, 5, TimeSpan.Zero, TimeSpan.Zero,
        0, 1_000, null, TimeSpan.Zero, TimeSpan.FromMinutes(40));

    public bool RunsMainStep => Mode != "million";

    /// <summary>Whether the main step measures idle, polls and latency before its send-rate steps.</summary>
    public bool MeasuresIdle => Mode != "send";

    /// <summary>The idle CPU window scaled to an hour: 10 minutes times 6 in the full run.</summary>
    public double HourFactor => TimeSpan.FromHours(1) / IdleWindow;
}
