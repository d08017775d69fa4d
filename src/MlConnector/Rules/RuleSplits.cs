namespace MlConnector.Rules;

/// <summary>
/// How a rule's event on a header record becomes one event per group of the header's detail lines
/// (<c>Rules:{id}:Split</c>). The header says when the whole is complete (a payment run's register printed); only
/// then are its lines read, all of them, so a group's count and sum are never partial. Each group is one event whose
/// record key is the header's key and the group's value (<c>000027|S001</c>), with the header's columns and the
/// group's fields.
/// </summary>
/// <param name="Name">The name a rule gives in <c>Split</c>.</param>
/// <param name="Table">The detail table, e.g. <c>ApPayRunDet</c>.</param>
/// <param name="JoinColumn">The header's key column the detail lines carry too, e.g. <c>PaymentNumber</c>.</param>
/// <param name="GroupColumn">One event per value of this detail column, e.g. <c>Supplier</c>.</param>
/// <param name="ItemColumn">The detail key within a group, counted, e.g. <c>Invoice</c>.</param>
/// <param name="SumColumn">The amount of a line, summed per group, e.g. <c>NetPayValue</c>.</param>
/// <param name="ReferenceColumn">A line's reference, listed once per group, e.g. <c>Cheque</c>.</param>
/// <param name="CurrencyColumn">A line's currency, e.g. <c>PostCurrency</c>.</param>
public sealed record RuleSplit(string Name, string Table, string JoinColumn, string GroupColumn, string ItemColumn, string SumColumn,
    string ReferenceColumn, string CurrencyColumn)
{
    /// <summary>The field with the number of distinct items in a group.</summary>
    public const string CountField = "InvoiceCount";

    /// <summary>The field with a group's total of <see cref="SumColumn"/>, in invariant notation (1234.5).</summary>
    public const string AmountField = "Amount";

    /// <summary>The field with a group's distinct non-blank references, joined with ", ".</summary>
    public const string ReferenceField = "Reference";

    /// <summary>The field with a group's currency (its lines' first non-blank one).</summary>
    public const string CurrencyField = "Currency";

    /// <summary>The fields a group adds to its event: the group column, then the computed ones.</summary>
    public IReadOnlyList<string> Fields => [GroupColumn, CountField, AmountField, ReferenceField, CurrencyField];

    /// <summary>The detail columns read, all of them required: a site without one cannot run the rule.</summary>
    public IReadOnlyList<string> Columns => [JoinColumn, GroupColumn, ItemColumn, SumColumn, ReferenceColumn, CurrencyColumn];

    /// <summary>The order (and keyset) of the detail read: the detail table's key.</summary>
    public IReadOnlyList<string> OrderBy => [JoinColumn, GroupColumn, ItemColumn];
}

/// <summary>The splits a rule can name (docs/syspro.md, "Supplier payments").</summary>
public static class RuleSplits
{
    /// <summary>A payment run's released invoices (ApPayRunDet), one event per supplier paid: the invoices paid, the
    /// total of their NetPayValue, the cheque or EFT reference, the currency.</summary>
    public const string PaymentSuppliers = "PaymentSuppliers";

    public static IReadOnlyDictionary<string, RuleSplit> All { get; } = new Dictionary<string, RuleSplit>(StringComparer.OrdinalIgnoreCase)
    {
        [PaymentSuppliers] = new(PaymentSuppliers, "ApPayRunDet", "PaymentNumber", "Supplier", "Invoice", "NetPayValue", "Cheque",
            "PostCurrency"),
    };

    /// <summary>The split a rule names, or null.</summary>
    public static RuleSplit? Of(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Split is { } name && All.TryGetValue(name, out var split) ? split : null;
    }
}
