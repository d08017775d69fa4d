using MlConnector.Recipients;
using MlConnector.Settings;

namespace MlConnector.Rules;

/// <summary>Which SYSPRO interface a rule reads through.</summary>
public enum SysproTransport
{
    OData,
    Enet,
}

/// <summary>How a rule finds what changed since its last poll.</summary>
public enum WatermarkKind
{
    /// <summary>Read the whole working set each time and diff it against the stored snapshot.</summary>
    None,

    /// <summary>Read rows whose rowversion column grew since the last poll.</summary>
    RowVersion,

    /// <summary>Read rows dated on or after the last date seen minus an overlap (dates are date-only in SYSPRO).</summary>
    Date,
}

/// <summary>One polling rule as written in configuration (<c>Rules:{id}</c>). A rule whose id is a preset name starts
/// from that preset, so a site switches a preset on with <c>Rules:po-submitted:Enabled=true</c> plus its recipients.</summary>
public sealed class RuleOptions
{
    /// <summary>Whether the rule polls. <value>The default is true for a rule listed in configuration.</value></summary>
    public bool? Enabled { get; set; }

    /// <summary>A preset to start from when the rule id is not itself a preset name.</summary>
    [OneOf(RulePresets.PoSubmitted, RulePresets.PoApproved, RulePresets.PoCancelled, RulePresets.RequisitionApproved,
        RulePresets.InvoicePosted, RulePresets.InvoicePostedGl, RulePresets.SupplierPayment, RulePresets.GlJournalPosted)]
    public string? Preset { get; set; }

    /// <summary>What the event is, in words, for the dashboard and the audit.</summary>
    public string? Description { get; set; }

    /// <summary>The company the rule reads. <value>The default is <c>default</c>.</value></summary>
    public string? Company { get; set; }

    /// <summary>OData or Enet. <value>The default is the Syspro:Transport setting.</value></summary>
    public SysproTransport? Transport { get; set; }

    /// <summary>The table, or a Business Activity Query exposed over OData.</summary>
    public string? Table { get; set; }

    /// <summary>The columns that identify a record, e.g. <c>PurchaseOrder</c> or <c>Supplier,Invoice</c>.</summary>
    public List<string>? KeyColumns { get; set; }

    /// <summary>The column whose value changes make the transitions, e.g. <c>OrderStatus</c>.</summary>
    public string? StatusColumn { get; set; }

    /// <summary>Further columns read for the template and the change fingerprint.</summary>
    public List<string>? Columns { get; set; }

    /// <summary>Every value the status column may take, comma-separated, <c>(blank)</c> or an empty item for a blank
    /// status, e.g. <c>0,1,4,9,*</c>. A row with any other status is skipped with one warning.
    /// <value>The default is any value; every status preset sets its own (specs/syspro.md).</value></summary>
    public string? Statuses { get; set; }

    /// <summary>The share of a read's rows whose status is outside <see cref="Statuses"/> above which the whole poll
    /// fails (SYSPRO's answer is then not believed); at or below it those rows are skipped.
    /// <value>The default is 0.1 (10%).</value></summary>
    public double? MaxUnknownStatusShare { get; set; }

    /// <summary>A read that would change or remove more than this share of the records the rule remembers (at least
    /// 10 records) is believed only when the next poll's read agrees; until then the poll fails and nothing changes.
    /// <value>The default is 0.5 (half of them).</value></summary>
    public double? ConfirmChangeShare { get; set; }

    /// <summary>A record missing from a read keeps its last status until it has been missing from this many complete
    /// reads (and for <see cref="ForgetMissingAfter"/>); a record that comes back sooner is compared with that status.
    /// <value>The default is 3 reads.</value></summary>
    public int? ForgetMissingAfterReads { get; set; }

    /// <summary>How long a missing record is remembered at least (see <see cref="ForgetMissingAfterReads"/>).
    /// <value>The default is 24 hours.</value></summary>
    public TimeSpan? ForgetMissingAfter { get; set; }

    /// <summary>Transitions that fire: <c>0-&gt;1</c>, <c>*-&gt;1</c> (any value to 1, new rows included) or <c>new</c>.</summary>
    public List<string>? Transitions { get; set; }

    /// <summary>The working set, as conditions joined by AND: <c>OrderStatus in 0,1,4</c>, <c>Source eq AP</c>.
    /// Operators: eq, ne, lt, le, gt, ge, in.</summary>
    public List<string>? Filter { get; set; }

    /// <summary>How changes are found. <value>The default is None: the working set diffed against the stored
    /// snapshot, read by <see cref="RowVersionColumn"/> where the table has it.</value></summary>
    public WatermarkKind? Watermark { get; set; }

    /// <summary>The rowversion or date column of the watermark.</summary>
    public string? WatermarkColumn { get; set; }

    /// <summary>How far back a date watermark re-reads. <value>The default is 1.00:00:00.</value></summary>
    public TimeSpan? WatermarkOverlap { get; set; }

    /// <summary>The table's rowversion column (SQL Server <c>timestamp</c>), by which a rule without a Watermark reads
    /// only the rows of its working set changed since its last poll (one request, no rows, when nothing changed). A
    /// table without it is read whole at every poll, said once in the log; so is one SYSPRO refuses to read by it (the
    /// rowversion is tried again every FullReadEvery).
    /// <value>The default is TimeStamp, SYSPRO's rowversion.</value></summary>
    public string? RowVersionColumn { get; set; }

    /// <summary>How often a rule that reads its changes by rowversion reads its whole working set anyway (at most 7
    /// days), to find rows committed late with an older rowversion and changes a rowversion cannot show; 00:00:00 reads
    /// the whole working set at every poll. <value>The default is Polling:FullReadEvery.</value></summary>
    public TimeSpan? FullReadEvery { get; set; }

    /// <summary>How often the rule polls (5 seconds to 1 day). <value>The default is 00:05:00.</value></summary>
    public TimeSpan? Cadence { get; set; }

    /// <summary>On the first poll, report records dated within this window instead of baselining silently
    /// (date-watermarked rules). <value>The default is none.</value></summary>
    public TimeSpan? Backfill { get; set; }

    /// <summary>Extra facts fetched per event: <c>Supplier</c> (SupplierName), <c>PoLines</c> (LineCount, Total,
    /// TotalValue), <c>Buyer</c> (BuyerName).</summary>
    [OneOf(RuleFields.SupplierEnrichment, RuleFields.PoLinesEnrichment, RuleFields.BuyerEnrichment)]
    public List<string>? Enrich { get; set; }

    /// <summary>One event per group of a header's detail lines instead of one per header, read once the header's event
    /// fires: <c>PaymentSuppliers</c> (a payment run's ApPayRunDet lines, one event per supplier paid, with Supplier,
    /// InvoiceCount, Amount, Reference and Currency). The rule's key must include the split's join column
    /// (PaymentNumber). <value>The default is none.</value></summary>
    [OneOf(RuleSplits.PaymentSuppliers)]
    public string? Split { get; set; }

    /// <summary>The SMS text as a Liquid template: every column the rule reads, the enrichments' fields (SupplierName,
    /// BuyerName, LineCount, Total, TotalValue), the split's fields, and RecipientName, Rule, Transition, From, To, RecordKey. The
    /// preset's text when empty.</summary>
    public string? Template { get; set; }

    /// <summary>Who gets the text.</summary>
    public RecipientRuleOptions? Recipients { get; set; }

    /// <summary>A poll that would queue more alerts than this holds them instead (state held) until an operator
    /// releases or discards them; later polls join the hold while it exists. 0 turns holding off.
    /// <value>The default is 50.</value></summary>
    public int? HoldAbove { get; set; }

    /// <summary>Two-way texts: each event's texts ask for a reply ("OK XXXX"), with escalation to others and reminders
    /// while nobody replies. <value>The default is none (one-way texts).</value></summary>
    public AcknowledgeOptions? Acknowledge { get; set; }

    /// <summary>Texts that cannot wait: sent in the recipients' quiet hours too (no digest).
    /// <value>The default is false.</value></summary>
    public bool? Urgent { get; set; }

    /// <summary>A voice call for what cannot wait: when a text failed, or when nobody acknowledged.
    /// <value>The default is none.</value></summary>
    public VoiceOptions? Voice { get; set; }
}
