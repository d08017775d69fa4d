using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Cli.Init;

/// <summary>
/// What each preset reads (from <see cref="RulePresets"/>): its table with the columns it selects, the detail table its
/// split reads, and the tables its enrichments look up (supplier and buyer names, a PO's lines; over e.net a PO's are one PORQRY call instead).
/// </summary>
internal static class PresetTables
{
    public static SourceQuery MainTable(RuleOptions preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var keys = preset.KeyColumns ?? [];
        var columns = keys
            .Concat(preset.StatusColumn is null ? [] : [preset.StatusColumn])
            .Concat(preset.WatermarkColumn is null ? [] : [preset.WatermarkColumn])
            .Concat(preset.Columns ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new SourceQuery(preset.Table!, columns, [], keys);
    }

    /// <summary>The detail table the preset's split reads whole (a payment run's lines), or null; required like its
    /// main table.</summary>
    public static SourceQuery? SplitTable(RuleOptions preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return preset.Split is { } name && RuleSplits.All.TryGetValue(name, out var split)
            ? new SourceQuery(split.Table, split.Columns, [], split.OrderBy)
            : null;
    }

    /// <summary>The lookups of the preset's enrichments over <paramref name="transport"/>.</summary>
    public static IEnumerable<SourceQuery> Lookups(RuleOptions preset, SysproTransport transport)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var enrich = preset.Enrich ?? [];
        if (transport == SysproTransport.Enet && enrich.Contains("PoLines", StringComparer.OrdinalIgnoreCase))
        {
            yield break; // e.net answers a PO's names and lines in one PORQRY call
        }

        foreach (var enrichment in enrich)
        {
            switch (enrichment.ToUpperInvariant())
            {
                case "SUPPLIER":
                    yield return new SourceQuery("ApSupplier", ["Supplier", "SupplierName"], [], ["Supplier"]);
                    break;
                case "BUYER":
                    yield return new SourceQuery("InvBuyer", ["Buyer", "Name"], [], ["Buyer"]);
                    break;
                case "POLINES":
                    yield return new SourceQuery("PorMasterDetail", ["PurchaseOrder", "Line", "MOrderQty", "MPrice"], [],
                        ["PurchaseOrder", "Line"]);
                    break;
            }
        }
    }

    /// <summary>Every preset's support, from what reading each table found.</summary>
    public static IReadOnlyList<PresetSupport> Support(SysproTransport transport, IReadOnlyList<TableAccess> access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var byTable = access.GroupBy(a => a.Table, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        return RulePresets.All.Select(kv =>
        {
            var main = byTable.GetValueOrDefault(kv.Value.Table!);
            if (main is not { Readable: true })
            {
                return new PresetSupport(kv.Key, kv.Value.Description!, kv.Value.Table!, false,
                    main?.Message ?? "not checked");
            }

            if (SplitTable(kv.Value) is { } split && byTable.GetValueOrDefault(split.Table) is not { Readable: true })
            {
                return new PresetSupport(kv.Key, kv.Value.Description!, kv.Value.Table!, false,
                    $"{split.Table}: {byTable.GetValueOrDefault(split.Table)?.Message ?? "not checked"}");
            }

            var missing = Lookups(kv.Value, transport).Select(q => q.Table).Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(t => byTable.GetValueOrDefault(t) is not { Readable: true }).ToList();
            return new PresetSupport(kv.Key, kv.Value.Description!, kv.Value.Table!, true, missing.Count == 0
                ? main.Message
                : $"{main.Message}; {string.Join(", ", missing)} cannot be read, so its texts show codes instead of names");
        }).ToList();
    }

    /// <summary>Each table to try once, with the union of the columns the presets select from it.</summary>
    public static IReadOnlyList<SourceQuery> AllQueries(SysproTransport transport) =>
        RulePresets.All.Values.SelectMany(p => Lookups(p, transport).Prepend(MainTable(p)).Concat(SplitTable(p) is { } split ? [split] : []))
            .GroupBy(q => q.Table, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SourceQuery(g.Key, g.SelectMany(q => q.Columns).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), [],
                g.First().OrderBy))
            .ToList();
}
