using System.Text;
using MlConnector.IntegrationTests.Simulators.Syspro;
using MlConnector.Syspro;

namespace MlConnector.IntegrationTests.SysproSide;

/// <summary>The connector's e.net client reads what a real SYSPRO sent (specs/syspro-recorded/).</summary>
public sealed class RecordedBodiesTests
{
    private static byte[] Body(string cassette, int interaction) =>
        Encoding.GetEncoding(1252).GetBytes(RecordedCassette.Load(cassette).HttpInteractions[interaction].Response.Body.Text);

    static RecordedBodiesTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void RecordedComfndAnswer_Parses()
    {
        var rows = EnetSource.Parse(Body("test_query_query.yml", 1), "InvMaster");

        Assert.Equal("02", Assert.Single(rows)["StockCode"]);
    }

    [Fact]
    public void RecordedLogon_IsAPaddedUserIdThatTrims()
    {
        var text = EnetSession.Text(Body("test_logon.yml", 0));

        Assert.Equal(36, text.Length);
        Assert.Equal(34, text.Trim().Length);
        EnetErrors.ThrowIfError(text, "logon");
    }

    [Fact]
    public void RecordedBadPassword_IsACredentialError()
    {
        var error = Assert.Throws<SysproException>(() => EnetErrors.ThrowIfError(EnetSession.Text(Body("test_logon_error.yml", 0)), "logon"));

        Assert.True(error.IsCredentialError);
        Assert.Contains("Invalid operator password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordedLogoffError_IsNotACredentialError()
    {
        var error = Assert.Throws<SysproException>(() => EnetErrors.ThrowIfError(EnetSession.Text(Body("test_logoff_error.yml", 0)), "logoff"));

        Assert.False(error.IsCredentialError);
    }

    [Fact]
    public void RecordedBusinessObjectValidationError_NamesTheProblem()
    {
        var cassette = RecordedCassette.Load("test_invsws_errors.yml");
        var body = cassette.HttpInteractions.Select(i => i.Response.Body.Text).First(t => t.Contains("ErrorDescription", StringComparison.Ordinal));

        var error = Assert.Throws<SysproException>(() => EnetErrors.ThrowIfError(body, "posting"));

        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PorqryAnswerInTheDocumentedShape_GivesSupplierLinesAndTotal()
    {
        const string xml = """
            <?xml version="1.0" encoding="Windows-1252"?>
            <PorDetail Language='05' Language2='EN' CssStyle='' DecFormat='1' DateFormat='01' Role='01' Version='8.0.001' OperatorPrimaryRole='   '>
            <PurchaseOrder>000000000150802</PurchaseOrder><Supplier>OBRIEN</Supplier><SupplierName>O'Brien &amp; Sons Müller</SupplierName>
            <Buyer>B01</Buyer><Name>Jane Buyer</Name>
            <PurchaseOrderLine><Merchandise><Line>   1</Line><MOrderQty>38,400.000</MOrderQty><Unedited_MOrderQty>38400.000000</Unedited_MOrderQty><MPrice>1.25000</MPrice></Merchandise></PurchaseOrderLine>
            <PurchaseOrderLine><Merchandise><Line>   2</Line><MOrderQty>2.000</MOrderQty><MPrice>1,000.50000</MPrice></Merchandise></PurchaseOrderLine>
            </PorDetail>
            """;

        var summary = PorqryQuery.Parse(Encoding.GetEncoding(1252).GetBytes(xml), "000000000150802");

        Assert.Equal("O'Brien & Sons Müller", summary.SupplierName);
        Assert.Equal("Jane Buyer", summary.BuyerName);
        Assert.Equal(2, summary.LineCount);
        Assert.Equal(50_001.00m, summary.Total);
    }
}
