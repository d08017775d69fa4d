namespace MlConnector.Recipients;

/// <summary>Who a rule texts, through the recipient directory.</summary>
public sealed class RecipientRuleOptions
{
    /// <summary>People by their id in <c>Directory:People</c>.</summary>
    public List<string>? People { get; set; }

    /// <summary>Groups of people (<c>Directory:People:{id}:Groups</c>).</summary>
    public List<string>? Groups { get; set; }

    /// <summary>Route by a column's value through <c>Directory:Routes:{column}</c>, e.g. <c>Buyer</c>.</summary>
    public List<string>? RouteBy { get; set; }

    /// <summary>Extra recipients when a numeric field is above an amount, e.g. a director for big orders.</summary>
    public List<ThresholdOptions>? Thresholds { get; set; }
}

public sealed class ThresholdOptions
{
    /// <summary>The field compared: a column or an enrichment such as <c>Total</c>.</summary>
    public string Field { get; set; } = "Total";

    public decimal Above { get; set; }

    public List<string>? People { get; set; }

    public List<string>? Groups { get; set; }
}
