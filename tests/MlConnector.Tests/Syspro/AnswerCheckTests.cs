using System.Text;
using MlConnector.Syspro;

namespace MlConnector.Tests.Syspro;

/// <summary>SYSPRO's e.net and PORQRY answers are checked before they are believed (issue 12, seen 1, 7, 8).</summary>
public sealed class AnswerCheckTests
{
    private static readonly SourceQuery ReqLines = new("ReqDetail", ["Requisition", "Line", "ReqnStatus", "ApprovedDate"], [],
        ["Requisition", "Line"]);

    static AnswerCheckTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Comfnd(string root, string rows, int returned) => Encoding.GetEncoding(1252).GetBytes(
        $"<?xml version=\"1.0\" encoding=\"Windows-1252\"?>\n<{root} Language='05'>\n<HeaderDetails/>\n{rows}\n<RowsReturned>{returned,8}</RowsReturned>\n</{root}>");

    [Fact]
    public void Comfnd_SpacePaddedKeyAndRightAlignedLine_KeyVerbatimLineANumber()
    {
        var rows = EnetSource.Parse(Comfnd("ReqDetail",
            "<Row><Requisition> 00001</Requisition><Line>   2</Line><ReqnStatus> </ReqnStatus><ApprovedDate>0000-00-00</ApprovedDate></Row>", 1), ReqLines);

        var row = Assert.Single(rows);
        Assert.Equal(" 00001", row.Raw("Requisition"));
        Assert.Equal("2", row.Raw("Line"));
        Assert.Equal(" ", row.Raw("ReqnStatus"));
        Assert.Null(row.Raw("ApprovedDate"));
    }

    [Fact]
    public void Comfnd_HtmlPageWithStatus200_IsNotBelievedAndSaysWhatCame()
    {
        var html = Encoding.ASCII.GetBytes("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1>Maintenance</h1></body></html>");

        var error = Assert.Throws<SysproAnswerException>(() => EnetSource.Parse(html, ReqLines));

        Assert.Contains("ReqDetail", error.Message, StringComparison.Ordinal);
        Assert.Contains("<html>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comfnd_RowWithoutItsKey_NamesTheRowAndTheColumn()
    {
        var error = Assert.Throws<SysproAnswerException>(() => EnetSource.Parse(Comfnd("ReqDetail",
            "<Row><Requisition>0000000301</Requisition><ReqnStatus>R</ReqnStatus></Row>", 1), ReqLines));

        Assert.Equal("Line", error.Column);
        Assert.Contains("0000000301", error.Record, StringComparison.Ordinal);
    }

    [Fact]
    public void Comfnd_ValueThatIsNotItsColumnsType_NamesRecordAndColumn()
    {
        var error = Assert.Throws<SysproAnswerException>(() => EnetSource.Parse(Comfnd("ReqDetail",
            "<Row><Requisition>0000000301</Requisition><Line>   1</Line><ReqnStatus>R</ReqnStatus><ApprovedDate>yesterday</ApprovedDate></Row>", 1),
            ReqLines));

        Assert.Equal("0000000301|   1", error.Record);
        Assert.Equal("ApprovedDate", error.Column);
    }

    [Fact]
    public void Comfnd_FewerRowsThanRowsReturnedSays_IsNotBelieved() =>
        Assert.Throws<SysproAnswerException>(() => EnetSource.Parse(Comfnd("ReqDetail",
            "<Row><Requisition>0000000301</Requisition><Line>   1</Line><ReqnStatus>R</ReqnStatus></Row>", 2), ReqLines));

    [Theory]
    [InlineData("Object reference not set to an instance of an object.", "not XML")]
    [InlineData("<PorDetail><PurchaseOrder>000000000100101</PurchaseOrder><PurchaseOrderLine><Merchandise><Line>   1</Line>", "not XML")]
    [InlineData("<Query><Key><PurchaseOrder>000000000100101</PurchaseOrder></Key></Query>", "<Query>, not <PorDetail>")]
    [InlineData("<PorDetail><PurchaseOrder>000000000100999</PurchaseOrder></PorDetail>", "purchase order 000000000100999")]
    public void Porqry_BadAnswer_NamesPorqryAndTheKey(string answer, string problem)
    {
        var error = Assert.Throws<SysproAnswerException>(() => PorqryQuery.Parse(Encoding.ASCII.GetBytes(answer), "000000000100101"));

        Assert.Equal("PORQRY", error.What);
        Assert.Equal("000000000100101", error.Record);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
