namespace MlConnector.Rules;

/// <summary>
/// The presets' default texts, in Liquid. Each reads as a sentence whatever SYSPRO gives: a phrase whose field is
/// empty (a column the site lacks, a lookup that failed) is dropped with its words and punctuation, never left as a
/// hole ("3 x  from Acme"). Dates go through <c>local_date</c> and amounts through <c>money</c>, so they print as
/// the site writes them (<c>Site</c> settings). A supplier's code stands in for its name when the name lookup failed.
/// Whitespace control (<c>{%-</c>, <c>-%}</c>) keeps the layout here out of the texts.
/// </summary>
internal static class PresetTexts
{
    // ", name, 12,345.67 USD, 3 lines": each part only when its field is there, the first comma dropped by the user.
    private const string PoDetails = """
        {%- assign supplier_name = SupplierName | default: Supplier -%}
        {%- capture details -%}
          {%- if supplier_name != blank %}, {{ supplier_name }}{% endif -%}
          {%- if Total != blank %}, {{ Total | money: Currency }}{% endif -%}
          {%- if LineCount != blank %}, {{ LineCount }} line{% if LineCount != "1" %}s{% endif %}{% endif -%}
        {%- endcapture -%}
        """;

    /// <summary>PO 150802 awaits your approval: O'Brien &amp; Sons, 12,345.67 USD, 3 lines.</summary>
    public const string PoSubmitted = PoDetails + """
        PO {{ PurchaseOrder }} awaits your approval{% if details != blank %}: {{ details | remove_first: ", " }}{% endif %}.
        """;

    /// <summary>PO 150802 approved: O'Brien &amp; Sons, 12,345.67 USD, 3 lines. Ready to send to the supplier.</summary>
    public const string PoApproved = PoDetails + """
        PO {{ PurchaseOrder }} approved{% if details != blank %}: {{ details | remove_first: ", " }}{% endif %}. Ready to send to the supplier.
        """;

    /// <summary>PO 150802 for O'Brien &amp; Sons (12,345.67 USD) was cancelled.</summary>
    public const string PoCancelled = """
        {%- assign supplier_name = SupplierName | default: Supplier -%}
        PO {{ PurchaseOrder }}{% if supplier_name != blank %} for {{ supplier_name }}{% endif %}
        {%- if Total != blank %} ({{ Total | money: Currency }}){% endif %} was cancelled.
        """;

    /// <summary>Requisition 4711 line 2 approved: 3 x Steel bracket from Acme. Without the item: "quantity 3 from
    /// Acme"; with only the supplier: "supplier Acme"; with none of them: "approved."</summary>
    public const string RequisitionApproved = """
        {%- assign item = StockDescription | default: StockCode -%}
        {%- assign supplier_name = SupplierName | default: Supplier -%}
        {%- capture what -%}
          {%- if item != blank %}{% if OrderQty != blank %}{{ OrderQty }} x {% endif %}{{ item }}
          {%- elsif OrderQty != blank %}quantity {{ OrderQty }}{% endif -%}
          {%- if supplier_name != blank %}{% if item != blank or OrderQty != blank %} from {% else %}supplier {% endif %}{{ supplier_name }}{% endif -%}
        {%- endcapture -%}
        Requisition {{ Requisition }} line {{ Line }} approved{% if what != blank %}: {{ what }}{% endif %}.
        """;

    /// <summary>Invoice INV-1 from O'Brien &amp; Sons posted: 16,689.85 EUR, due 2026-12-24.</summary>
    public const string InvoicePosted = """
        {%- assign supplier_name = SupplierName | default: Supplier -%}
        {%- capture details -%}
          {%- if OrigInvValue != blank %}, {{ OrigInvValue | money: Currency }}{% endif -%}
          {%- if DueDate != blank %}, due {{ DueDate | local_date }}{% endif -%}
        {%- endcapture -%}
        Invoice {{ Invoice }}{% if supplier_name != blank %} from {{ supplier_name }}{% endif %} posted
        {%- if details != blank %}: {{ details | remove_first: ", " }}{% endif %}.
        """;

    /// <summary>Invoice INV-1 from supplier S001 posted to the GL in journal 42 on 2026-12-24: 16,689.85 USD (the
    /// GL keeps local currency: <c>Site:Currency</c>).</summary>
    public const string InvoicePostedGl = """
        {%- if SubModApInvoice != blank %}Invoice {{ SubModApInvoice }}{% else %}A supplier invoice{% endif -%}
        {%- if SubModSupplier != blank %} from supplier {{ SubModSupplier }}{% endif %} posted to the GL in journal {{ Journal }}
        {%- if JnlDate != blank %} on {{ JnlDate | local_date }}{% endif %}
        {%- if EntryValue != blank %}: {{ EntryValue | money }}{% endif %}.
        """;

    /// <summary>O'Brien &amp; Sons was paid 12,345.67 USD for 3 invoices on 2026-12-24, reference 100234 (payment run
    /// 000027). A supplier whose name and code are both unknown is "A supplier".</summary>
    public const string SupplierPayment = """
        {%- assign supplier_name = SupplierName | default: Supplier -%}
        {%- capture details -%}
          {%- if Amount != blank %} {{ Amount | money: Currency }}{% endif -%}
          {%- if InvoiceCount != blank %} for {{ InvoiceCount }} invoice{% if InvoiceCount != "1" %}s{% endif %}{% endif -%}
          {%- if PaymentDate != blank %} on {{ PaymentDate | local_date }}{% endif -%}
          {%- if Reference != blank %}, reference {{ Reference }}{% endif -%}
        {%- endcapture -%}
        {% if supplier_name != blank %}{{ supplier_name }}{% else %}A supplier{% endif %} was paid{{ details }} (payment run {{ PaymentNumber }}).
        """;

    /// <summary>GL journal 12 of period 2026/12 posted by GLCLERK on 2026-12-24: 1,234.56 USD, reference ACCR-001,
    /// source AP (the GL keeps local currency: <c>Site:Currency</c>).</summary>
    public const string GlJournalPosted = """
        {%- capture details -%}
          {%- if DebitAmount != blank %}, {{ DebitAmount | money }}{% endif -%}
          {%- if Reference != blank %}, reference {{ Reference }}{% endif -%}
          {%- if JournalSource != blank %}, source {{ JournalSource }}{% endif -%}
        {%- endcapture -%}
        GL journal {{ GlJournal }} of period {{ GlYear }}/{{ GlPeriod }} posted
        {%- if PostedBy != blank %} by {{ PostedBy }}{% endif %}
        {%- if PostDate != blank %} on {{ PostDate | local_date }}{% endif %}
        {%- if details != blank %}: {{ details | remove_first: ", " }}{% endif %}.
        """;
}
