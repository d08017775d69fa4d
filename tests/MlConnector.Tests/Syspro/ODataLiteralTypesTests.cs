using System.Text.Json;
using System.Xml.Linq;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Tests.Syspro;

public sealed class ODataLiteralTypesTests
{
    // ApInvoice declared open with only its keys typed: every other column is untyped.
    private static readonly ODataMetadata KeysOnly = ODataMetadata.Parse(XDocument.Parse("""
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
          <edmx:DataServices><Schema Namespace="S" xmlns="http://docs.oasis-open.org/odata/ns/edm">
            <EntityType Name="ApInvoice" OpenType="true"><Key><PropertyRef Name="Supplier" /><PropertyRef Name="Invoice" /></Key>
              <Property Name="Supplier" Type="Edm.String" /><Property Name="Invoice" Type="Edm.String" /></EntityType>
            <EntityType Name="Custom" OpenType="true"><Key><PropertyRef Name="Id" /></Key><Property Name="Id" Type="Edm.String" /></EntityType>
            <EntityContainer Name="C"><EntitySet Name="ApInvoice" EntityType="S.ApInvoice" /><EntitySet Name="Custom" EntityType="S.Custom" /></EntityContainer>
          </Schema></edmx:DataServices>
        </edmx:Edmx>
        """));

    private static string Filter(ODataLiteralTypes types, string table, params FilterCondition[] conditions) =>
        ODataQueryText.Filter(conditions, types.For(KeysOnly, table));

    private static JsonElement Row(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Untyped_NamesTheFilterAndKeyColumnsMetadataDoesNotType() =>
        Assert.Equal(["Journal", "Reference"], ODataLiteralTypes.Untyped(KeysOnly, new SourceQuery("ApInvoice", ["Supplier"],
            [new FilterCondition("Journal", FilterOperator.Gt, ["0"]), new FilterCondition("Reference", FilterOperator.Eq, ["A"]),
             new FilterCondition("Supplier", FilterOperator.Eq, ["S1"])], ["Supplier", "Invoice"])));

    [Fact]
    public void For_ARowWithANumberAndADateTime_WritesThemUnquoted()
    {
        var types = new ODataLiteralTypes();
        types.Learn("Custom", Row("""{ "Id": "A", "Qty": 5, "Posted": "2026-12-26T00:00:00Z", "Flag": true, "Note": "x" }"""));

        Assert.Equal("Qty gt 0 and Posted ge 2026-11-25T00:00:00Z and Flag eq true and Note eq 'y'", Filter(types, "Custom",
            new FilterCondition("Qty", FilterOperator.Gt, ["0"]), new FilterCondition("Posted", FilterOperator.Ge, ["2026-11-25"]),
            new FilterCondition("Flag", FilterOperator.Eq, ["true"]), new FilterCondition("Note", FilterOperator.Eq, ["y"])));
    }

    [Fact]
    public void For_TextThatLooksLikeANumber_StaysQuoted_WhenTheCatalogueSaysText()
    {
        var types = new ODataLiteralTypes();
        types.Learn("ApInvoice", Row("""{ "Supplier": "0001", "Invoice": "1", "Reference": "000123", "Journal": "42" }"""));

        // Reference is text in SYSPRO's catalogue; Journal, sent as a string (IEEE754Compatible), is a number there.
        Assert.Equal("Reference eq '000123' and Journal gt 0", Filter(types, "ApInvoice",
            new FilterCondition("Reference", FilterOperator.Eq, ["000123"]), new FilterCondition("Journal", FilterOperator.Gt, ["0"])));
    }

    [Fact]
    public void For_AnEmptySet_FallsBackToTheCatalogue_AndAsksAgainLater()
    {
        var types = new ODataLiteralTypes();
        types.Learn("ApInvoice", null);

        Assert.False(types.Knows("ApInvoice"));
        Assert.Equal("Journal gt 0 and Custom1 eq '0'", Filter(types, "ApInvoice",
            new FilterCondition("Journal", FilterOperator.Gt, ["0"]), new FilterCondition("Custom1", FilterOperator.Eq, ["0"])));
    }
}
