using MlConnector.Recipients;
using MlConnector.Rules;

namespace MlConnector.Tests.Recipients;

public sealed class RecipientDirectoryTests
{
    private static readonly RecipientDirectory Directory = new(new DirectoryOptions
    {
        People =
        {
            ["jane"] = new PersonOptions { Name = "Jane", Phone = "(555) 010-0001", Groups = ["approvers"] },
            ["omar"] = new PersonOptions { Name = "Omar", Phone = "+15550100003", Groups = ["approvers", "directors"] },
            ["ap"] = new PersonOptions { Name = "AP", Phone = "+1 555 010 0002", Groups = ["accounts-payable"] },
        },
        Routes = { ["Buyer"] = new Dictionary<string, string> { ["B01"] = "jane", ["B02"] = "approvers" } },
    }, out var errors);

    [Fact]
    public void Directory_NormalisesPhonesToE164() =>
        Assert.Equal("+15550100001", Directory.Resolve(new RecipientRuleOptions { People = ["jane"] }, new Dictionary<string, string?>()).Single().Phone);

    [Fact]
    public void Resolve_RouteByBuyer_PicksThePersonOrGroup()
    {
        var options = new RecipientRuleOptions { RouteBy = ["Buyer"] };

        Assert.Equal(["jane"], Directory.Resolve(options, new Dictionary<string, string?> { ["Buyer"] = "B01" }).Select(r => r.Id));
        Assert.Equal(["jane", "omar"], Directory.Resolve(options, new Dictionary<string, string?> { ["Buyer"] = "B02 " }).Select(r => r.Id));
        Assert.Empty(Directory.Resolve(options, new Dictionary<string, string?> { ["Buyer"] = "B99" }));
    }

    [Fact]
    public void Resolve_AboveThreshold_AddsTheDirectorsOnce()
    {
        var options = new RecipientRuleOptions
        {
            Groups = ["approvers"],
            Thresholds = [new ThresholdOptions { Field = "Total", Above = 10000, Groups = ["directors"] }],
        };

        var small = Directory.Resolve(options, new Dictionary<string, string?> { ["Total"] = "9,999.99" });
        var big = Directory.Resolve(options, new Dictionary<string, string?> { ["Total"] = "12,345.67" });

        Assert.Equal(2, small.Count);
        Assert.Equal(2, big.Count); // omar is an approver and a director: one text, not two
        Assert.Contains(big, r => r.Id == "omar");
    }

    [Fact]
    public void Directory_InvalidPhone_IsNamed()
    {
        _ = new RecipientDirectory(new DirectoryOptions
        {
            People = { ["bad"] = new PersonOptions { Phone = "call me" } },
        }, out var problems);

        Assert.Contains(problems, p => p.StartsWith("Directory:People:bad:Phone", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("+15550100001", "+1********01")]
    [InlineData("12", "***")]
    public void Mask_KeepsCountryCodeAndLastTwoDigits(string phone, string masked) =>
        Assert.Equal(masked, PhoneFormat.Mask(phone));

    [Fact]
    public void WhyNobody_RouteCodeWithoutEntry_NamesTheColumnAndTheCode()
    {
        var options = new RecipientRuleOptions { RouteBy = ["Buyer"] };
        var fields = new Dictionary<string, string?> { ["Buyer"] = "B99 " };

        Assert.Empty(Directory.Resolve(options, fields));
        Assert.Equal("RouteBy Buyer: 'B99' has no entry in Directory:Routes:Buyer", Directory.WhyNobody(options, fields));
    }

    [Fact]
    public void WhyNobody_EveryFailedTarget_IsListedInOrder()
    {
        var options = new RecipientRuleOptions
        {
            Groups = ["night-shift"],
            RouteBy = ["Warehouse", "Buyer"],
            Thresholds =
            [
                new ThresholdOptions { Field = "Total", Above = 10000, Groups = ["directors"] },
                new ThresholdOptions { Field = "OrderQty", Above = 5, Groups = ["nobody-group"] },
            ],
        };
        var fields = new Dictionary<string, string?> { ["Total"] = "9,500.00", ["OrderQty"] = "12" };

        var why = Directory.WhyNobody(options, fields);

        Assert.Equal(
            "Groups: nobody is in group 'night-shift'; RouteBy Warehouse: the record has no Warehouse; " +
            "RouteBy Buyer: the record has no Buyer; Thresholds Total: 9,500.00 is not above 10000; " +
            "Thresholds OrderQty: 12 is above 5, but nobody is in 'nobody-group'", why);
    }

    [Fact]
    public void WhyNobody_RouteMapMissingOrNumberUnreadable_SaysSo()
    {
        var options = new RecipientRuleOptions
        {
            RouteBy = ["SupplierClass"],
            Thresholds = [new ThresholdOptions { Field = "Total", Above = 1 }],
        };

        var why = Directory.WhyNobody(options, new Dictionary<string, string?> { ["SupplierClass"] = "X", ["Total"] = "n/a" });

        Assert.Equal("RouteBy SupplierClass: there is no Directory:Routes:SupplierClass map; Thresholds Total: 'n/a' is not a number", why);
    }
}
