using System.Globalization;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>
/// Looks up the extra facts a text needs: the supplier's name, a purchase order's line count and total, the buyer's
/// name. One instance per poll, so a supplier read once serves every event of that poll.
/// </summary>
internal sealed class Enricher(ISysproSource source)
{
    private readonly Dictionary<string, string?> _suppliers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _buyers = new(StringComparer.Ordinal);

    public async Task<Dictionary<string, string?>> FieldsAsync(RuleDefinition rule, DetectedEvent detected, CancellationToken ct)
    {
        var fields = detected.Row.TrimmedValues();
        fields[RuleFields.Rule] = rule.Id;
        fields[RuleFields.RuleDescription] = rule.Description;
        fields[RuleFields.Transition] = detected.TransitionText;
        fields[RuleFields.From] = detected.From;
        fields[RuleFields.To] = detected.To;
        fields[RuleFields.RecordKey] = detected.RecordKey;
        if (source.PurchaseOrderSummaries is { } summaries && rule.Enrich.Contains(RuleFields.PoLinesEnrichment, StringComparer.OrdinalIgnoreCase)
            && detected.Row.Raw("PurchaseOrder") is { } purchaseOrder)
        {
            // e.net answers everything a PO text needs in one PORQRY call.
            var summary = await summaries.PurchaseOrderAsync(purchaseOrder, ct);
            fields[RuleFields.SupplierName] = summary.SupplierName ?? detected.Row["Supplier"];
            fields[RuleFields.BuyerName] = summary.BuyerName ?? detected.Row["Buyer"];
            SetTotals(fields, summary.LineCount, summary.Total);
            return fields;
        }

        foreach (var enrichment in rule.Enrich)
        {
            switch (enrichment.ToUpperInvariant())
            {
                case "SUPPLIER" when detected.Row.Raw("Supplier") is { } supplier:
                    fields[RuleFields.SupplierName] = await LookupAsync(_suppliers, "ApSupplier", "Supplier", supplier, "SupplierName", ct)
                        ?? supplier.Trim();
                    break;
                case "BUYER" when detected.Row.Raw("Buyer") is { Length: > 0 } buyer:
                    fields[RuleFields.BuyerName] = await LookupAsync(_buyers, "InvBuyer", "Buyer", buyer, "Name", ct) ?? buyer.Trim();
                    break;
                case "POLINES" when detected.Row.Raw("PurchaseOrder") is { } po:
                    var (count, total) = await PoLinesAsync(po, ct);
                    SetTotals(fields, count, total);
                    break;
            }
        }

        return fields;
    }

    private static void SetTotals(Dictionary<string, string?> fields, int count, decimal total)
    {
        fields[RuleFields.LineCount] = count.ToString(CultureInfo.InvariantCulture);
        fields[RuleFields.Total] = total.ToString("N2", CultureInfo.InvariantCulture);
        fields[RuleFields.TotalValue] = total.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string?> LookupAsync(Dictionary<string, string?> cache, string table, string keyColumn, string key,
        string valueColumn, CancellationToken ct)
    {
        if (cache.TryGetValue(key, out var cached))
        {
            return cached;
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
        return value;
    }

    private async Task<(int Count, decimal Total)> PoLinesAsync(string purchaseOrder, CancellationToken ct)
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

        return (count, decimal.Round(total, 2));
    }

    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0m;
}
