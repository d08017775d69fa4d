namespace MlConnector.Simulators.Twilio.Usage;

/// <summary>Prices the simulated Usage Records are computed with.</summary>
public sealed class UsageSimulatorOptions
{
    /// <value>Price of one SMS segment, inbound or outbound. The default is 0.0079 (a US long code's list price).</value>
    public decimal PricePerSegment { get; set; } = 0.0079m;

    /// <value>Price of one started minute of an outbound call. The default is 0.014.</value>
    public decimal PricePerCallMinute { get; set; } = 0.014m;

    /// <value>The currency, as Usage Records write it (lowercase in Twilio's examples). The default is <c>usd</c>.</value>
    public string PriceUnit { get; set; } = "usd";
}
