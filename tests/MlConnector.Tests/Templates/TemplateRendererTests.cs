using MlConnector.Rules;
using MlConnector.Common;
using MlConnector.Templates;

namespace MlConnector.Tests.Templates;

public sealed class TemplateRendererTests
{
    private readonly TemplateRenderer _renderer = new();

    [Fact]
    public async Task Render_PoSubmittedPreset_CarriesNumberSupplierTotalAndLines()
    {
        var text = await _renderer.RenderAsync(RulePresets.All[RulePresets.PoSubmitted].Template!, new Dictionary<string, string?>
        {
            ["PurchaseOrder"] = "150802", ["SupplierName"] = "O'Brien & Sons", ["Total"] = "12,345.67",
            ["Currency"] = "USD", ["LineCount"] = "3",
        });

        Assert.Equal("PO 150802 awaits your approval: O'Brien & Sons, 12,345.67 USD, 3 lines.", text.Body);
        Assert.Equal(SmsEncoding.Gsm7, text.Encoding);
        Assert.Equal(1, text.Segments);
    }

    [Fact]
    public async Task Render_NonAsciiSupplier_StaysIntactAndCountsAsUcs2()
    {
        var text = await _renderer.RenderAsync("Supplier {{ SupplierName }}", new Dictionary<string, string?> { ["SupplierName"] = "Żabka Łódź" });

        Assert.Equal("Supplier Żabka Łódź", text.Body);
        Assert.Equal(SmsEncoding.Ucs2, text.Encoding);
    }

    [Fact]
    public async Task Render_OverTheLimit_IsTruncatedWithAMarker()
    {
        var text = await _renderer.RenderAsync("{{ Long }}", new Dictionary<string, string?> { ["Long"] = new string('a', 2000) });

        Assert.True(text.Truncated);
        Assert.Equal(TemplateRenderer.MaxBodyLength, text.Body.Length);
        Assert.EndsWith(TemplateRenderer.TruncationMarker, text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_EmptyResult_FailsWithAReason()
    {
        var error = await Assert.ThrowsAsync<TemplateRenderException>(() =>
            _renderer.RenderAsync("{{ Missing }}", new Dictionary<string, string?>()));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_Broken_ReportsWhere()
    {
        Assert.False(_renderer.TryCompile("Hello {% if x %}", out var error));

        Assert.Contains("does not compile", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1, SmsEncoding.Gsm7)]
    [InlineData("hello", 1, SmsEncoding.Gsm7)]
    [InlineData("€", 1, SmsEncoding.Gsm7)]
    [InlineData("ü", 1, SmsEncoding.Gsm7)]
    [InlineData("ł", 1, SmsEncoding.Ucs2)]
    public void Segments_Encoding(string text, int segments, SmsEncoding encoding) =>
        Assert.Equal((segments, encoding), (SmsSegments.Count(text).Segments, SmsSegments.Count(text).Encoding));

    [Fact]
    public void Segments_Boundaries()
    {
        Assert.Equal(1, SmsSegments.Count(new string('a', 160)).Segments);
        Assert.Equal(2, SmsSegments.Count(new string('a', 161)).Segments);
        Assert.Equal(2, SmsSegments.Count(new string('a', 306)).Segments);
        Assert.Equal(3, SmsSegments.Count(new string('a', 307)).Segments);
        Assert.Equal(2, SmsSegments.Count(new string('{', 80) + "a").Segments);
        Assert.Equal(1, SmsSegments.Count(new string('ł', 70)).Segments);
        Assert.Equal(2, SmsSegments.Count(new string('ł', 71)).Segments);
    }
}

public sealed class PresetTemplateTests
{
    private readonly TemplateRenderer _renderer = new();

    [Theory]
    [InlineData("1", "1 line.")]
    [InlineData("2", "2 lines.")]
    public async Task PoPreset_LineCount_IsSingularOrPlural(string count, string expectedEnd)
    {
        var text = await _renderer.RenderAsync(RulePresets.All[RulePresets.PoSubmitted].Template!, new Dictionary<string, string?>
        {
            ["PurchaseOrder"] = "1", ["SupplierName"] = "S", ["Total"] = "1.00", ["Currency"] = "USD", ["LineCount"] = count,
        });

        Assert.EndsWith(expectedEnd, text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvoicePreset_Amount_IsFormattedWithTwoDecimals()
    {
        var text = await _renderer.RenderAsync(RulePresets.All[RulePresets.InvoicePosted].Template!, new Dictionary<string, string?>
        {
            ["Invoice"] = "INV-1", ["SupplierName"] = "Café Société", ["OrigInvValue"] = "16689.85", ["Currency"] = "EUR", ["DueDate"] = "2026-12-24",
        });

        Assert.Equal("Invoice INV-1 from Café Société posted: 16,689.85 EUR, due 2026-12-24.", text.Body);
    }

    [Fact]
    public void FieldsUsedBy_OutputsConditionsLoopsAndFilterArguments_AllNamed()
    {
        var fields = _renderer.FieldsUsedBy(
            "PO {{ PurchaseOrder }}{% if LineCount != \"1\" %} for {{ SupplierName | upcase }}{% endif %}" +
            "{% for l in Lines %}{{ l.Qty }}{% endfor %}{{ Total | default: Fallback }}");

        Assert.Superset(new HashSet<string>(["PurchaseOrder", "LineCount", "SupplierName", "Lines", "Total", "Fallback"]),
            new HashSet<string>(fields));
        Assert.DoesNotContain("BuyerName", fields);
    }

    [Fact]
    public void FieldsUsedBy_PoSubmittedPreset_NeedsNoBuyer() =>
        Assert.DoesNotContain("BuyerName", _renderer.FieldsUsedBy(RulePresets.All[RulePresets.PoSubmitted].Template!));
}
