using System.Text.RegularExpressions;
using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Site;
using MlConnector.Syspro;
using MlConnector.Templates;

namespace MlConnector.Tests.Rules;

/// <summary>
/// Every preset's default text reads as a sentence, with dates as dates and amounts with their currency: with every
/// field there, with every optional field missing (a column the site lacks, a lookup that failed), and with each one
/// missing alone. Presets added later are checked the same way, from what their rules read.
/// </summary>
public sealed partial class PresetTextTests
{
    private static readonly SiteOptions Site = new()
    {
        TimeZone = "America/Chicago", DateFormat = "dd/MM/yyyy", Currency = "ZAR",
    };

    private const string Day = "26/12/2026";

    public static TheoryData<string> Presets => [.. RulePresets.All.Keys];

    private static RuleDefinition Rule(string preset)
    {
        var directory = new RecipientDirectory(new DirectoryOptions
        {
            People = { ["jane"] = new PersonOptions { Name = "Jane", Phone = "+15550100001", Groups = ["everyone"] } },
        }, out _);
        var (rules, errors) = RuleCatalog.Build(
            new Dictionary<string, RuleOptions>
            {
                [preset] = new() { Enabled = true, Recipients = new RecipientRuleOptions { Groups = ["everyone"] } },
            },
            _ => SysproTransport.OData, directory, new TemplateRenderer());
        Assert.Empty(errors);
        return Assert.Single(rules);
    }

    /// <summary>A full record as SYSPRO would give it, dates in the raw form an untyped OData column has.</summary>
    private static Dictionary<string, string?> FullRecord(RuleDefinition rule)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in rule.SelectedColumns)
        {
            fields[column] = SysproColumnTypes.Of(rule.Table, column) switch
            {
                SysproColumnKind.Date => "2026-12-26T00:00:00Z",
                SysproColumnKind.Number when rule.KeyColumns.Contains(column) => "7",
                SysproColumnKind.Number when column.Contains("Qty", StringComparison.OrdinalIgnoreCase) => "3",
                SysproColumnKind.Number => "450039.87",
                _ when column.EndsWith("Currency", StringComparison.OrdinalIgnoreCase) => "USD",
                _ when column == rule.StatusColumn => "1",
                _ => column + "1",
            };
        }

        fields[RuleFields.Rule] = rule.Id;
        fields[RuleFields.RuleDescription] = rule.Description;
        fields[RuleFields.Transition] = "0->1";
        fields[RuleFields.From] = "0";
        fields[RuleFields.To] = "1";
        fields[RuleFields.RecordKey] = "7";
        fields[RuleFields.RecipientName] = "Jane";
        foreach (var field in Enriched(rule))
        {
            fields[field] = field switch
            {
                RuleFields.SupplierName => "O'Brien & Sons",
                RuleFields.BuyerName => "Pat Buyer",
                RuleFields.LineCount => "3",
                RuleFields.Total => "12,345.67",
                RuleFields.TotalValue => "12345.67",
                RuleSplit.CountField => "3",
                RuleSplit.AmountField => "12345.67",
                RuleSplit.CurrencyField => "USD",
                _ => field + "1",
            };
        }

        return fields;
    }

    /// <summary>What enrichments and a split add to the record's columns.</summary>
    private static IEnumerable<string> Enriched(RuleDefinition rule) =>
        rule.Enrich.SelectMany(e => RuleFields.ByEnrichment[e]).Concat(RuleSplits.Of(rule)?.Fields ?? []).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>What may be missing: optional columns (dropped when the site lacks them) and what lookups and splits add.</summary>
    private static IReadOnlyList<string> Optional(RuleDefinition rule) =>
        [.. RuleColumns.Optional(rule), .. Enriched(rule)];

    private static async Task<string> RenderAsync(RuleDefinition rule, Dictionary<string, string?> fields) =>
        (await new TemplateRenderer(SiteFormats.Of(Site)).RenderAsync(rule.Template, fields)).Body;

    /// <summary>The checks of a sentence; amounts must show a currency whenever the record names one.</summary>
    private static void AssertReadsAsASentence(string text, string what, bool currencyKnown = true)
    {
        var because = $"{what}: \"{text}\"";
        Assert.False(text.Contains("  ", StringComparison.Ordinal), $"double space in {because}");
        Assert.False(HoleBeforePunctuation().IsMatch(text), $"a hole before punctuation in {because}");
        Assert.False(EmptyPhrase().IsMatch(text), $"an empty phrase in {because}");
        Assert.False(DanglingWord().IsMatch(text), $"a word left dangling in {because}");
        Assert.False(RawIsoDate().IsMatch(text), $"a raw ISO date in {because}");
        Assert.EndsWith(".", text, StringComparison.Ordinal);
        foreach (var amount in Amount().Matches(text).Where(_ => currencyKnown))
        {
            Assert.True(AmountWithCurrency().IsMatch(text[amount.Index..]), $"the amount {amount.Value} has no currency in {because}");
        }

        Assert.DoesNotContain("450039.87", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task DefaultText_FullRecord_ReadsAsASentenceWithDatesAndAmounts(string preset)
    {
        var rule = Rule(preset);
        var full = FullRecord(rule);

        var text = await RenderAsync(rule, full);

        AssertReadsAsASentence(text, "full record");
        foreach (var date in new TemplateRenderer().FieldsOf(rule.Template)
            .Where(f => SysproColumnTypes.Of(rule.Table, f) == SysproColumnKind.Date))
        {
            Assert.True(text.Contains(Day, StringComparison.Ordinal), $"{date} is not shown as {Day} in \"{text}\"");
        }
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task DefaultText_EveryOptionalFieldMissing_StillReadsAsASentence(string preset)
    {
        var rule = Rule(preset);
        var fields = FullRecord(rule);
        foreach (var field in Optional(rule))
        {
            fields.Remove(field);
        }

        AssertReadsAsASentence(await RenderAsync(rule, fields), "every optional field missing", currencyKnown: false);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task DefaultText_EachOptionalFieldMissingAlone_StillReadsAsASentence(string preset)
    {
        var rule = Rule(preset);
        foreach (var field in Optional(rule))
        {
            var fields = FullRecord(rule);
            fields[field] = null;

            AssertReadsAsASentence(await RenderAsync(rule, fields), $"{field} missing",
                currencyKnown: !field.EndsWith("Currency", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task RequisitionText_ItemMissing_DropsThePhraseInsteadOfLeavingAHole()
    {
        var rule = Rule(RulePresets.RequisitionApproved);
        var fields = FullRecord(rule);
        fields["StockDescription"] = null;
        fields["StockCode"] = null;
        fields["SupplierName"] = "Acme";

        var text = await RenderAsync(rule, fields);

        Assert.DoesNotContain(" x  from ", text, StringComparison.Ordinal);
        Assert.EndsWith(" from Acme.", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s[.,:;)]")]
    private static partial Regex HoleBeforePunctuation();

    [GeneratedRegex(@"\(\s*\)|[,:]\s*[,.:]|^[,.:]")]
    private static partial Regex EmptyPhrase();

    [GeneratedRegex(@"\b(from|for|to|x|due|on|of|by|with|and|in)\s*([.,:;)]|$)")]
    private static partial Regex DanglingWord();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}:\d{2}")]
    private static partial Regex RawIsoDate();

    [GeneratedRegex(@"(?<![\d/])\d{1,3}(,\d{3})*\.\d{2}\b")]
    private static partial Regex Amount();

    [GeneratedRegex(@"^\d{1,3}(,\d{3})*\.\d{2} (USD|ZAR)\b")]
    private static partial Regex AmountWithCurrency();
}
