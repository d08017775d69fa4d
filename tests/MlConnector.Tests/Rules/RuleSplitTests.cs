using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Templates;

namespace MlConnector.Tests.Rules;

/// <summary>A rule's split as configuration sees it: named, checked against the rule's key, its fields usable in texts
/// and routes without being columns of the header table.</summary>
public sealed class RuleSplitTests
{
    private static (IReadOnlyList<RuleDefinition> Rules, IReadOnlyList<string> Errors) Build(string id, RuleOptions options)
    {
        var directory = new RecipientDirectory(new DirectoryOptions
        {
            People = { ["ap"] = new PersonOptions { Name = "AP desk", Phone = "+15550100003", Groups = ["accounts-payable"] } },
            Routes = { ["Supplier"] = new Dictionary<string, string> { ["S001"] = "ap" } },
        }, out _);
        options.Recipients ??= new RecipientRuleOptions { Groups = ["accounts-payable"] };
        return RuleCatalog.Build(new Dictionary<string, RuleOptions> { [id] = options }, _ => SysproTransport.OData, directory,
            new TemplateRenderer());
    }

    [Fact]
    public void SupplierPaymentPreset_RoutesByTheSplitsSupplier_WithoutRequiringSupplierOnTheHeader()
    {
        var (rules, errors) = Build(RulePresets.SupplierPayment, new RuleOptions
        {
            Recipients = new RecipientRuleOptions { RouteBy = ["Supplier"], Thresholds = [new ThresholdOptions { Field = "Amount", Above = 10_000m, Groups = ["accounts-payable"] }] },
        });

        Assert.Empty(errors);
        var rule = Assert.Single(rules);
        Assert.Equal(RuleSplits.PaymentSuppliers, rule.Split);
        Assert.Equal([new("PaymentNumber", "key"), new("ChRegister", "Filter")], RuleColumns.Required(rule));
        Assert.Contains("InvoiceCount", RuleFields.Of(rule));
    }

    [Fact]
    public void Split_UnknownName_IsAnErrorNamingTheKnownOnes()
    {
        var (_, errors) = Build(RulePresets.SupplierPayment, new RuleOptions { Split = "PaymentSupplier" });

        Assert.Contains(errors, e => e.StartsWith("Rules:supplier-payment:Split: 'PaymentSupplier' is not a split (known: PaymentSuppliers)",
            StringComparison.Ordinal));
    }

    [Fact]
    public void Split_RuleKeyWithoutTheJoinColumn_IsAnError()
    {
        var (_, errors) = Build("runs", new RuleOptions
        {
            Table = "ApPayRunHdr", KeyColumns = ["Bank"], Transitions = ["new"], Split = RuleSplits.PaymentSuppliers,
            Template = "{{ Supplier }} paid {{ Amount }}",
        });

        Assert.Contains("Rules:runs:Split: PaymentSuppliers reads ApPayRunDet by PaymentNumber, which must be one of the rule's KeyColumns.", errors);
    }

    [Fact]
    public void SplitFields_WithoutASplit_AreNotFieldsOfTheRule()
    {
        var (_, errors) = Build(RulePresets.SupplierPayment, new RuleOptions { Split = "", Template = "{{ Supplier }} paid {{ InvoiceCount }}" });

        Assert.Contains(errors, e => e.StartsWith("Rules:supplier-payment:Template: 'InvoiceCount' is not a field of this rule", StringComparison.Ordinal));
    }
}
