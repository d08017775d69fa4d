using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Templates;

namespace MlConnector.Tests.Rules;

public sealed class RuleCatalogTests
{
    private static RecipientDirectory Directory() => new(new DirectoryOptions
    {
        People =
        {
            ["jane"] = new PersonOptions { Name = "Jane", Phone = "+1 (555) 010-0001", Groups = ["approvers"] },
            ["ap"] = new PersonOptions { Name = "AP desk", Phone = "5550100002", Groups = ["accounts-payable"] },
        },
        Routes = { ["Buyer"] = new Dictionary<string, string> { ["B01"] = "jane" } },
    }, out _);

    private static (IReadOnlyList<RuleDefinition> Rules, IReadOnlyList<string> Errors) Build(Dictionary<string, RuleOptions> rules) =>
        RuleCatalog.Build(rules, _ => SysproTransport.OData, Directory(), new TemplateRenderer());

    [Fact]
    public void Build_PresetSwitchedOnByName_TakesThePresetAndTheRecipients()
    {
        var (rules, errors) = Build(new()
        {
            [RulePresets.PoSubmitted] = new RuleOptions { Recipients = new RecipientRuleOptions { Groups = ["approvers"] } },
        });

        Assert.Empty(errors);
        var rule = Assert.Single(rules);
        Assert.Equal("PorMasterHdr", rule.Table);
        Assert.Equal("OrderStatus", rule.StatusColumn);
        Assert.Equal(TimeSpan.FromMinutes(5), rule.Cadence);
    }

    [Fact]
    public void Build_AllPresets_AreValid()
    {
        var (_, errors) = Build(RulePresets.All.Keys.ToDictionary(k => k,
            _ => new RuleOptions { Recipients = new RecipientRuleOptions { People = ["jane"] } }));

        Assert.Empty(errors);
    }

    [Fact]
    public void Build_DisabledRule_IsLeftOut()
    {
        var (rules, errors) = Build(new() { [RulePresets.PoApproved] = new RuleOptions { Enabled = false } });

        Assert.Empty(rules);
        Assert.Empty(errors);
    }

    [Fact]
    public void Build_BadTransition_NamesTheRuleAndField()
    {
        var (_, errors) = Build(new()
        {
            ["my-rule"] = new RuleOptions
            {
                Table = "ReqDetail", KeyColumns = ["Requisition"], StatusColumn = "ReqnStatus", Transitions = ["R"],
                Template = "x", Recipients = new RecipientRuleOptions { People = ["jane"] },
            },
        });

        Assert.Contains(errors, e => e.StartsWith("Rules:my-rule:Transitions:", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_TemplateThatDoesNotCompile_NamesTheRuleAndTemplate()
    {
        var (_, errors) = Build(new()
        {
            [RulePresets.PoSubmitted] = new RuleOptions
            {
                Template = "PO {{ PurchaseOrder", Recipients = new RecipientRuleOptions { People = ["jane"] },
            },
        });

        Assert.Contains(errors, e => e.StartsWith("Rules:po-submitted:Template: the template does not compile", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_UnknownPersonGroupAndRoute_AreEachNamed()
    {
        var (_, errors) = Build(new()
        {
            [RulePresets.InvoicePosted] = new RuleOptions
            {
                Recipients = new RecipientRuleOptions { People = ["bob"], Groups = ["nobody"], RouteBy = ["Warehouse"] },
            },
        });

        Assert.Contains(errors, e => e.Contains("'bob' is not in Directory:People", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("group 'nobody'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Directory:Routes:Warehouse", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_NoRecipients_IsAnError()
    {
        var (_, errors) = Build(new() { [RulePresets.PoApproved] = new RuleOptions() });

        Assert.Contains(errors, e => e.StartsWith("Rules:po-approved:Recipients", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_UnknownPreset_IsNamed()
    {
        var (_, errors) = Build(new() { ["x"] = new RuleOptions { Preset = "po-exploded" } });

        Assert.Contains(errors, e => e.StartsWith("Rules:x:Preset", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_StatusPresets_ReadByTimeStamp_DateWatermarkPresetsDoNot()
    {
        var (rules, errors) = Build(RulePresets.All.Keys.ToDictionary(k => k,
            _ => new RuleOptions { Recipients = new RecipientRuleOptions { People = ["jane"] } }));

        Assert.Empty(errors);
        Assert.All(rules.Where(r => r.Watermark == WatermarkKind.None), r => Assert.Equal("TimeStamp", r.RowVersionColumn));
        Assert.All(rules.Where(r => r.Watermark != WatermarkKind.None), r => Assert.Null(r.RowVersionColumn));
        Assert.All(rules, r => Assert.DoesNotContain("TimeStamp", r.SelectedColumns));
    }

    [Theory]
    [InlineData(RulePresets.PoSubmitted, "8.00:00:00", null, "Rules:po-submitted:FullReadEvery: must be between 00:00:00 (a whole read at every poll) and 7.00:00:00")]
    [InlineData(RulePresets.PoSubmitted, "-00:00:01", null, "Rules:po-submitted:FullReadEvery: must be between")]
    [InlineData(RulePresets.PoSubmitted, null, " ", "Rules:po-submitted:RowVersionColumn: must name a column; to read the whole working set at every poll, set FullReadEvery to 00:00:00.")]
    [InlineData(RulePresets.InvoicePosted, "01:00:00", null, "Rules:invoice-posted:FullReadEvery: applies only to rules without a Watermark (which diff their working set); this rule reads by its Date watermark.")]
    [InlineData(RulePresets.InvoicePosted, null, "TimeStamp", "Rules:invoice-posted:RowVersionColumn: applies only to rules without a Watermark")]
    public void Build_RowVersionSettingsThatCannotWork_NameTheSetting(string rule, string? fullReadEvery, string? column, string error)
    {
        var (_, errors) = Build(new()
        {
            [rule] = new RuleOptions
            {
                FullReadEvery = fullReadEvery is null ? null : TimeSpan.Parse(fullReadEvery, System.Globalization.CultureInfo.InvariantCulture),
                RowVersionColumn = column,
                Recipients = new RecipientRuleOptions { People = ["jane"] },
            },
        });

        Assert.Contains(errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }
}
