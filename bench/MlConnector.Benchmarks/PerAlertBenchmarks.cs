using BenchmarkDotNet.Attributes;
using MlConnector.Rules;
using MlConnector.Security;
using MlConnector.Common;
using MlConnector.Templates;

namespace MlConnector.Benchmarks;

/// <summary>
/// The CPU work done once per alert: rendering the po-submitted text, counting its SMS segments, encrypting and
/// decrypting a 160-character body (stored encrypted, read back to send) and the phone number's blind index.
/// </summary>
/// <remarks>
/// Target: each under 50 µs and a few KB allocated, so the per-alert cost is negligible next to the Twilio call
/// (tens to hundreds of milliseconds) and a burst of 1,000 alerts costs well under a second of CPU.
/// </remarks>
[MemoryDiagnoser]
public class PerAlertBenchmarks
{
    private const string Purpose = "alert.body";

    // A full single GSM-7 segment: the longest body that still costs one SMS.
    private static readonly string Body =
        "PO 000000000100123 awaits your approval: Acme Industrial Supply, 12,345.67 USD, 3 lines.".PadRight(160, '.');

    private readonly Dictionary<string, string?> _fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PurchaseOrder"] = "000000000100123",
        ["SupplierName"] = "Acme Industrial Supply",
        ["Total"] = "12,345.67",
        ["Currency"] = "USD",
        ["LineCount"] = "3",
        ["Supplier"] = "S0001",
        ["Buyer"] = "B01",
    };

    private readonly TemplateRenderer _renderer = new();
    private string _template = null!;
    private string _rendered = null!;
    private FieldProtector _protector = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _template = RulePresets.All[RulePresets.PoSubmitted].Template!;
        _rendered = (await _renderer.RenderAsync(_template, _fields)).Body; // compiled once, as at start-up
        _protector = new FieldProtector(DataKeySet.CreateRandom());
        _ = _protector.Protect(Body, Purpose); // warms up, as the first alert would
        if (Body.Length != 160)
        {
            throw new InvalidOperationException($"The body is {Body.Length} characters, expected 160.");
        }
    }

    [Benchmark(Description = "render po-submitted")]
    public Task<RenderedText> Render() => _renderer.RenderAsync(_template, _fields);

    [Benchmark(Description = "SmsSegments.Count, rendered text")]
    public SmsSegmentCount CountSegmentsRendered() => SmsSegments.Count(_rendered);

    [Benchmark(Description = "SmsSegments.Count, 160 chars")]
    public SmsSegmentCount CountSegments160() => SmsSegments.Count(Body);

    [Benchmark(Description = "Protect+Unprotect, 160 chars")]
    public string ProtectUnprotect() => _protector.Unprotect(_protector.Protect(Body, Purpose), Purpose);

    [Benchmark(Description = "BlindIndex, E.164 number")]
    public string BlindIndex() => _protector.BlindIndex("+15550100001");
}
