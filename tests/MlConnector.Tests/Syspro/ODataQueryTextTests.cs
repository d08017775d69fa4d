using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Tests.Syspro;

public sealed class ODataQueryTextTests
{
    private static string? Types(string column) => column switch
    {
        "Journal" => "Edm.Decimal",
        "JournalDate" => "Edm.DateTimeOffset",
        _ => "Edm.String",
    };

    [Fact]
    public void Filter_ApostropheInString_IsDoubled() =>
        Assert.Equal("SupplierName eq 'O''Brien & Sons'",
            ODataQueryText.Filter([new FilterCondition("SupplierName", FilterOperator.Eq, ["O'Brien & Sons"])], Types));

    [Fact]
    public void Filter_BlankStatus_AsksForBothSqlAndDotNetForms() =>
        Assert.Equal("((ReqnStatus eq '' or ReqnStatus eq ' ') or ReqnStatus eq 'R')",
            ODataQueryText.Filter([new FilterCondition("ReqnStatus", FilterOperator.In, ["", "R"])], Types));

    [Fact]
    public void Filter_NumbersAndDates_AreUnquotedTyped() =>
        Assert.Equal("Journal gt 0 and JournalDate ge 2026-11-25T00:00:00Z",
            ODataQueryText.Filter([
                new FilterCondition("Journal", FilterOperator.Gt, ["0"]),
                new FilterCondition("JournalDate", FilterOperator.Ge, ["2026-11-25"]),
            ], Types));

    [Fact]
    public void QueryString_AmpersandInAValue_IsPercentEncoded() =>
        Assert.Equal("?$filter=Name%20eq%20%27A%20%26%20B%27", ODataQueryText.QueryString(("$filter", "Name eq 'A & B'")));

    [Fact]
    public void Keyset_CompositeKey_ContinuesBeyondTheLastKeyWithPaddingKept() =>
        Assert.Equal("PurchaseOrder gt ' 00002' or (PurchaseOrder eq ' 00002' and Journal gt 7)",
            ODataQueryText.Keyset(["PurchaseOrder", "Journal"], [" 00002", "7"], Types));

    [Fact]
    public void Keyset_SingleKey_IsOneComparison() =>
        Assert.Equal("PurchaseOrder gt '000000000100002'", ODataQueryText.Keyset(["PurchaseOrder"], ["000000000100002"], Types));
}
