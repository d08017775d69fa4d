using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Templates;

namespace MlConnector.Tests.Rules;

public sealed class RuleColumnsTests
{
    private static RuleDefinition Rule(string preset, RuleOptions? options = null)
    {
        var directory = new RecipientDirectory(new DirectoryOptions
        {
            People = { ["jane"] = new PersonOptions { Name = "Jane", Phone = "+15550100001", Groups = ["approvers"] } },
            Routes =
            {
                ["Warehouse"] = new Dictionary<string, string> { ["FG"] = "jane" },
                ["Buyer"] = new Dictionary<string, string> { ["B01"] = "jane" },
            },
        }, out _);
        options ??= new RuleOptions();
        options.Recipients ??= new RecipientRuleOptions { Groups = ["approvers"] };
        var (rules, errors) = RuleCatalog.Build(new Dictionary<string, RuleOptions> { [preset] = options }, _ => SysproTransport.OData,
            directory, new TemplateRenderer());
        Assert.Empty(errors);
        return Assert.Single(rules);
    }

    [Fact]
    public void PoPreset_RequiresKeyStatusAndFilter_AndTheRestIsOptional()
    {
        var rule = Rule(RulePresets.PoSubmitted);

        Assert.Equal([new("PurchaseOrder", "key"), new("OrderStatus", "status")], RuleColumns.Required(rule));
        Assert.Equal(["Supplier", "Buyer", "Currency", "OrderEntryDate", "OrderDueDate", "Warehouse", "SupplierClass"], RuleColumns.Optional(rule));
        Assert.Equal(["PurchaseOrder", "OrderStatus", "Supplier"], RuleColumns.Checked(rule).Take(3));
    }

    [Fact]
    public void RouteByFilterAndThresholds_MakeTheirColumnsRequired_ButNotTheFieldsTheConnectorFills()
    {
        // The rule reads OrderValue, so a threshold may name it (the strict rule checks refuse a field the rule lacks).
        var rule = Rule(RulePresets.PoSubmitted, new RuleOptions
        {
            Columns = ["Supplier", "Buyer", "Currency", "Warehouse", "SupplierClass", "OrderValue"],
            Filter = ["OrderStatus in 0,1,4", "SupplierClass eq A"],
            Recipients = new RecipientRuleOptions
            {
                RouteBy = ["Warehouse"],
                Thresholds = [new ThresholdOptions { Field = "TotalValue", Above = 10_000, People = ["jane"] },
                    new ThresholdOptions { Field = "OrderValue", Above = 5, People = ["jane"] }],
            },
        });

        var required = RuleColumns.Required(rule);

        Assert.Contains(new RequiredColumn("SupplierClass", "Filter"), required);
        Assert.Contains(new RequiredColumn("Warehouse", "RouteBy"), required);
        Assert.Contains(new RequiredColumn("OrderValue", "Thresholds"), required);
        Assert.DoesNotContain(required, r => r.Column == "TotalValue");
        Assert.DoesNotContain("Warehouse", RuleColumns.Optional(rule));
    }

    [Fact]
    public void DateRule_RequiresItsWatermarkAndFilterColumns()
    {
        var rule = Rule(RulePresets.InvoicePosted, new RuleOptions { Recipients = new RecipientRuleOptions { People = ["jane"] } });

        Assert.Equal(["Supplier", "Invoice", "JournalDate", "Journal"], RuleColumns.Required(rule).Select(r => r.Column));
        Assert.Equal("watermark", RuleColumns.Required(rule)[2].UsedBy);
    }

    [Fact]
    public void Judge_MissingOptionalColumns_DropsThemOnly()
    {
        var rule = Rule(RulePresets.PoSubmitted);

        var verdict = RuleColumns.Judge(rule, tableMissing: false, ["warehouse", "SupplierClass"]);
        var running = RuleColumns.WithoutColumns(rule, verdict.Dropped);

        Assert.Null(verdict.Error);
        Assert.Equal(["Warehouse", "SupplierClass"], verdict.Dropped);
        Assert.DoesNotContain("Warehouse", running.SelectedColumns);
        Assert.Contains("Supplier", running.SelectedColumns);
        Assert.Equal(rule.Id, running.Id);
    }

    [Fact]
    public void Judge_MissingRequiredColumnOrTable_IsAnErrorNamingTableAndColumn()
    {
        var rule = Rule(RulePresets.PoSubmitted, new RuleOptions { Recipients = new RecipientRuleOptions { RouteBy = ["Warehouse"] } });

        var column = RuleColumns.Judge(rule, tableMissing: false, ["Warehouse", "SupplierClass"]);
        var table = RuleColumns.Judge(rule, tableMissing: true, []);

        Assert.Equal("table PorMasterHdr (OData) has no column Warehouse (its RouteBy column).", column.Error);
        Assert.Equal(["SupplierClass"], column.Dropped);
        Assert.Equal("SYSPRO has no table PorMasterHdr (OData).", table.Error);
    }

    [Fact]
    public void HoldAbove_DefaultsTo50_AndRefusesANegativeValue()
    {
        Assert.Equal(50, Rule(RulePresets.PoApproved).HoldAbove);
        Assert.Equal(0, Rule(RulePresets.PoApproved, new RuleOptions { HoldAbove = 0 }).HoldAbove);
        var (_, errors) = RuleCatalog.Build(new Dictionary<string, RuleOptions>
        {
            [RulePresets.PoApproved] = new RuleOptions { HoldAbove = -1, Recipients = new RecipientRuleOptions { People = ["x"] } },
        }, _ => SysproTransport.OData, new RecipientDirectory(new DirectoryOptions(), out _), new TemplateRenderer());
        Assert.Contains(errors, e => e.StartsWith("Rules:po-approved:HoldAbove:", StringComparison.Ordinal));
    }
}
