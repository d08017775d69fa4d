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
}
