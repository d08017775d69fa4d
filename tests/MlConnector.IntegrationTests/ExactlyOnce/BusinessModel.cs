using System.Globalization;
using System.Text.RegularExpressions;
using MlConnector.IntegrationTests.SysproSide;
using MlConnector.Rules;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.ExactlyOnce;

/// <summary>
/// What SYSPRO did and which texts that owes, worked out from the SYSPRO simulator's own rows, never from the
/// connector's alerts table. Business changes go through here; at each poll that completed, the rows the poll could see
/// are compared with what the previous completed poll of that rule could see, as a person reading SYSPRO twice would:
/// a purchase order whose OrderStatus became 1 since (or that is new in 1) owes each approver a po-submitted text, one
/// that became 4 owes procurement a po-approved text, and each newly posted supplier invoice owes accounts payable an
/// invoice-posted text. A record that left the working set (cancelled) is remembered with its last status seen, as the
/// rules' tombstones are (the runs stay well inside the day after which a missing record is forgotten).
/// </summary>
internal sealed partial class BusinessModel(SysproData data, Random random)
{
    public static readonly string[] Rules = [RulePresets.PoSubmitted, RulePresets.PoApproved, RulePresets.InvoicePosted];

    private static readonly string[] OpenStatuses = ["0", "1", "4"];

    private readonly List<string> _orders = [];
    private readonly List<string> _invoices = [];
    private readonly Dictionary<string, Dictionary<string, string>> _seen = Rules.ToDictionary(r => r, _ => new Dictionary<string, string>());
    private readonly HashSet<string> _invoicesSeen = [];
    private readonly Dictionary<(string Rule, string Record, string Phone), int> _owed = [];
    private readonly List<string> _log = [];
    private int _nextInvoice;

    /// <summary>Every change made, in order (printed with a failure).</summary>
    public IReadOnlyList<string> Log => _log;

    public int Changes { get; private set; }

    /// <summary>Texts owed per rule, record (as texts show it) and phone.</summary>
    public IReadOnlyDictionary<(string Rule, string Record, string Phone), int> Owed => _owed;

    public static IReadOnlyList<string> RecipientsOf(string rule) => rule switch
    {
        RulePresets.PoSubmitted => [SysproSideHarness.Approver, SysproSideHarness.Director],
        RulePresets.PoApproved => [SysproSideHarness.Procurement],
        _ => [SysproSideHarness.AccountsPayable],
    };

    /// <summary>The orders the run changes: a few in each open status, so the same order moves more than once.</summary>
    public void ChooseOrders(int perStatus)
    {
        foreach (var status in OpenStatuses)
        {
            _orders.AddRange(data.PurchaseOrdersInStatus(status).Take(perStatus).Select(po => po.PurchaseOrder));
        }
    }

    /// <summary>One random business change that SYSPRO allows for the order or invoice picked.</summary>
    public void ChangeSomething()
    {
        var pick = random.Next(100);
        if (pick < 8)
        {
            var like = AnyOrder();
            var created = data.CreatePurchaseOrder(like.Supplier, like.Buyer, 1 + random.Next(20), 10.5m);
            _orders.Add(created.PurchaseOrder);
            Record($"created PO {Normalise(created.PurchaseOrder)} in 0");
            return;
        }

        if (pick < 20)
        {
            var invoice = string.Create(CultureInfo.InvariantCulture, $"MI{++_nextInvoice:0000}");
            data.PostSupplierInvoice(AnyOrder().Supplier, invoice, 100 + random.Next(5000));
            _invoices.Add(invoice);
            Record($"posted invoice {invoice}");
            return;
        }

        var order = _orders[random.Next(_orders.Count)];
        var status = data.FindPurchaseOrder(order)!.OrderStatus;
        var move = (status, random.Next(10)) switch
        {
            ("0", < 6) => Move(order, "submitted", () => data.SubmitPurchaseOrder(order)),
            ("0", < 9) => Move(order, "approved", () => data.ApprovePurchaseOrder(order)),
            ("1", < 5) => Move(order, "approved", () => data.ApprovePurchaseOrder(order)),
            ("1", < 8) => Move(order, "sent back to 0", () => SetStatus(order, "0")),
            ("4", < 7) => Move(order, "completed", () => data.CompletePurchaseOrder(order)),
            ("*" or "9", < 8) => Move(order, "reinstated in 0", () => SetStatus(order, "0")),
            _ when status != "*" && status != "9" => Move(order, "cancelled", () => data.CancelPurchaseOrder(order)),
            _ => false,
        };
        if (!move)
        {
            ChangeSomething();
        }
    }

    /// <summary>The rule's poll completed: what it could see now owes the texts for what changed since its last one.</summary>
    public void Polled(string rule, bool baseline)
    {
        if (rule == RulePresets.InvoicePosted)
        {
            foreach (var invoice in _invoices.Where(i => _invoicesSeen.Add(i)).Where(_ => !baseline))
            {
                Owe(rule, invoice);
            }

            return;
        }

        var target = rule == RulePresets.PoSubmitted ? "1" : "4";
        var seen = _seen[rule];
        foreach (var order in _orders)
        {
            var status = data.FindPurchaseOrder(order)!.OrderStatus;
            if (!OpenStatuses.Contains(status))
            {
                continue; // out of the working set: remembered as last seen
            }

            var before = seen.GetValueOrDefault(order);
            seen[order] = status;
            if (!baseline && status == target && before != status)
            {
                Owe(rule, Normalise(order));
            }
        }
    }

    /// <summary>Which rule and record a text is about, from the words the presets' texts start with.</summary>
    public static (string Rule, string Record)? About(string? body)
    {
        if (body is null)
        {
            return null;
        }

        if (Text().Match(body) is not { Success: true } match)
        {
            return null;
        }

        var rule = match.Groups["po"].Success
            ? match.Groups["verb"].Value == "awaits" ? RulePresets.PoSubmitted : RulePresets.PoApproved
            : RulePresets.InvoicePosted;
        var record = match.Groups["po"].Success ? Normalise(match.Groups["po"].Value) : match.Groups["invoice"].Value;
        return (rule, record);
    }

    /// <summary>The texts the Twilio simulator accepted, counted like <see cref="Owed"/>; unreadable ones under rule "?".</summary>
    public static Dictionary<(string Rule, string Record, string Phone), int> Received(IEnumerable<SimulatedMessage> messages)
    {
        var received = new Dictionary<(string, string, string), int>();
        foreach (var message in messages.Where(m => m.Direction == "outbound-api"))
        {
            var (rule, record) = About(message.Body) ?? ("?", message.Body ?? "");
            var key = (rule, record, message.To);
            received[key] = received.GetValueOrDefault(key) + 1;
        }

        return received;
    }

    private bool Move(string order, string what, Action change)
    {
        change();
        Record($"PO {Normalise(order)} {what}");
        return true;
    }

    private void SetStatus(string order, string status) =>
        data.UpdateRow("PorMasterHdr", [order], new Dictionary<string, string?> { ["OrderStatus"] = status });

    private PorMasterHdr AnyOrder() => data.FindPurchaseOrder(_orders[random.Next(_orders.Count)])!;

    private void Owe(string rule, string record)
    {
        foreach (var phone in RecipientsOf(rule))
        {
            var key = (rule, record, phone);
            _owed[key] = _owed.GetValueOrDefault(key) + 1;
        }
    }

    private void Record(string change)
    {
        Changes++;
        _log.Add(change);
    }

    /// <summary>SYSPRO keys are padded; texts show them without leading spaces or zeros.</summary>
    private static string Normalise(string key) => key.Trim().TrimStart('0');

    [GeneratedRegex(@"^(PO (?<po>\S+) (?<verb>awaits|approved)|Invoice (?<invoice>\S+) )")]
    private static partial Regex Text();
}
