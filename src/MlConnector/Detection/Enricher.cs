using System.Globalization;
using MlConnector.Alerts;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>The fields a text is rendered from, and the notes of the lookups that failed for it.</summary>
internal sealed record EnrichedFields(Dictionary<string, string?> Fields, IReadOnlyList<string> Notes);

/// <summary>
/// Looks up the extra facts a text needs: the supplier's name, a purchase order's line count and total, the buyer's
/// name; only those the rule's template (or its recipients' routing and thresholds) reads. A lookup never blocks a
/// text: one that fails leaves its fields empty and adds a note for the alert's audit trail. On e.net, PORQRY answers
/// a purchase order in one call; when its answer cannot be believed, the tables are asked instead. One instance per
/// poll, so a supplier read once serves every event of that poll.
/// </summary>
internal sealed class Enricher(ISysproSource source, LookupFailures failures)
{
    private static readonly string[] SummaryFields = ["SupplierName", "BuyerName", "LineCount", "Total", "TotalValue"];
    private static readonly string[] TotalFields = ["LineCount", "Total", "TotalValue"];

    private readonly Dictionary<string, string?> _suppliers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _buyers = new(StringComparer.Ordinal);

    public async Task<EnrichedFields> FieldsAsync(RuleDefinition rule, IReadOnlySet<string> needed, DetectedEvent detected, CancellationToken ct)
    {
        var fields = detected.Row.TrimmedValues();
        fields["Rule"] = rule.Id;
        fields["RuleDescription"] = rule.Description;
        fields["Transition"] = detected.TransitionText;
        fields["From"] = detected.From;
        fields["To"] = detected.To;
        fields["RecordKey"] = RecordKeyText.Display(detected.RecordKey);
        var notes = new List<string>();
        bool Needs(IEnumerable<string> names) => names.Any(needed.Contains);
        bool Enriches(string name) => rule.Enrich.Contains(name, StringComparer.OrdinalIgnoreCase);

        if (source.PurchaseOrderSummaries is { } summaries && Enriches("PoLines") && Needs(SummaryFields)
            && detected.Row.Raw("PurchaseOrder") is { } purchaseOrder)
        {
            // e.net answers everything a PO text needs in one PORQRY call, asked with the key exactly as SYSPRO gave it.
            var summary = await TryAsync(rule, "PORQRY", SummaryFields, notes, () => summaries.PurchaseOrderAsync(purchaseOrder, ct), ct);
            if (summary is not null)
            {
                fields["SupplierName"] = summary.SupplierName ?? detected.Row["Supplier"];
                fields["BuyerName"] = summary.BuyerName ?? detected.Row["Buyer"];
                SetTotals(fields, summary.LineCount, summary.Total);
                return new EnrichedFields(fields, notes);
            }
        }

        if (Enriches("Supplier") && needed.Contains("SupplierName") && detected.Row.Raw("Supplier") is { } supplier)
        {
            var name = await TryAsync(rule, "ApSupplier", ["SupplierName"], notes,
                () => LookupAsync(_suppliers, "ApSupplier", "Supplier", supplier, "SupplierName", ct), ct);
            fields["SupplierName"] = name is null ? null : name.Value ?? supplier.Trim();
        }

        if (Enriches("Buyer") && needed.Contains("BuyerName") && detected.Row.Raw("Buyer") is { Length: > 0 } buyer)
        {
            var name = await TryAsync(rule, "InvBuyer", ["BuyerName"], notes, () => LookupAsync(_buyers, "InvBuyer", "Buyer", buyer, "Name", ct), ct);
            fields["BuyerName"] = name is null ? null : name.Value ?? buyer.Trim();
        }

        if (Enriches("PoLines") && Needs(TotalFields) && detected.Row.Raw("PurchaseOrder") is { } po)
        {
            var totals = await TryAsync(rule, "PorMasterDetail", TotalFields, notes, () => PoLinesAsync(po, ct), ct);
            if (totals is { } t)
            {
                SetTotals(fields, t.Count, t.Total);
            }
        }

        return new EnrichedFields(fields, notes);
    }

    /// <summary>Runs one lookup; a failure (or a lookup SYSPRO refused lately) gives null and a note, never an exception.</summary>
    private async Task<T?> TryAsync<T>(RuleDefinition rule, string lookup, string[] fields, List<string> notes, Func<Task<T>> run,
        CancellationToken ct)
        where T : class
    {
        if (failures.Refused(rule.Company, lookup) is { } refused)
        {
            notes.Add($"{lookup} lookup skipped, {string.Join(", ", fields)} left empty: {refused}");
            return null;
        }

        try
        {
            return await run();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var reason = failures.Failed(rule.Id, rule.Company, lookup, string.Join(", ", fields), e);
            notes.Add($"{lookup} lookup failed, {string.Join(", ", fields)} left empty: {reason}");
            return null;
        }
    }

    private static void SetTotals(Dictionary<string, string?> fields, int count, decimal total)
    {
        fields["LineCount"] = count.ToString(CultureInfo.InvariantCulture);
        fields["Total"] = total.ToString("N2", CultureInfo.InvariantCulture);
        fields["TotalValue"] = total.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One value of one record (null inside when the record is not there), cached for the poll.</summary>
    private async Task<Found> LookupAsync(Dictionary<string, string?> cache, string table, string keyColumn, string key,
        string valueColumn, CancellationToken ct)
    {
        if (cache.TryGetValue(key, out var cached))
        {
            return new Found(cached);
        }

        string? value = null;
        var query = new SourceQuery(table, [keyColumn, valueColumn],
            [new FilterCondition(keyColumn, FilterOperator.Eq, [key])], [keyColumn]);
        await foreach (var row in source.ReadAsync(query, ct))
        {
            value = row[valueColumn];
            break;
        }

        cache[key] = value;
        return new Found(value);
    }

    private async Task<Totals> PoLinesAsync(string purchaseOrder, CancellationToken ct)
    {
        var query = new SourceQuery("PorMasterDetail", ["PurchaseOrder", "Line", "MOrderQty", "MPrice"],
            [new FilterCondition("PurchaseOrder", FilterOperator.Eq, [purchaseOrder])], ["PurchaseOrder", "Line"]);
        var count = 0;
        var total = 0m;
        await foreach (var row in source.ReadAsync(query, ct))
        {
            count++;
            total += Number(row["MOrderQty"]) * Number(row["MPrice"]);
        }

        return new Totals(count, decimal.Round(total, 2));
    }

    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0m;

    private sealed record Found(string? Value);

    private sealed record Totals(int Count, decimal Total);
}
