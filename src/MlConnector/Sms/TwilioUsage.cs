using Microsoft.Extensions.Options;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account.Usage.Record;

namespace MlConnector.Sms;

/// <summary>
/// This month's SMS spend from Twilio's Usage Records (<c>GET .../Usage/Records/ThisMonth.json?Category=sms</c> through
/// the SDK's <see cref="ThisMonthResource"/>), with the sender's credentials, base URL and HTTP client. The overview
/// refreshes every few seconds, so a figure is kept for <see cref="KeepFor"/> and a failure for
/// <see cref="KeepFailureFor"/>; one read at a time, whoever asks. Never throws for Twilio's sake: a failure is a
/// sentence.
/// </summary>
public sealed class TwilioUsage(IHttpClientFactory httpClients, IOptions<TwilioOptions> options, TimeProvider time,
    ILogger<TwilioUsage> logger) : IDisposable
{
    /// <summary>How long a figure read from Twilio is shown before Twilio is asked again.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(15);

    /// <summary>How long a failed read is shown before Twilio is asked again (not every refresh of every open overview).</summary>
    public static readonly TimeSpan KeepFailureFor = TimeSpan.FromMinutes(1);

    public const string Category = "sms";

    private readonly SemaphoreSlim _gate = new(1, 1);
    // A reference, so the lock-free look in Kept() never sees half of a new value.
    private volatile KeptReading? _kept;

    public async Task<SmsSpendReading> ThisMonthAsync(CancellationToken ct)
    {
        if (Kept() is { } kept)
        {
            return kept;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (Kept() is { } readMeanwhile)
            {
                return readMeanwhile;
            }

            var reading = await ReadAsync(ct);
            _kept = new KeptReading(reading, reading.ReadAt + (reading.Spend is null ? KeepFailureFor : KeepFor));
            return reading;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private SmsSpendReading? Kept() => _kept is { } kept && time.GetUtcNow() < kept.Until ? kept.Reading : null;

    private sealed record KeptReading(SmsSpendReading Reading, DateTimeOffset Until);

    private async Task<SmsSpendReading> ReadAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return Problem("Twilio is not configured (Twilio:AccountSid), so there is no spend to show.");
        }

        try
        {
            // One record per category and period; the SDK takes no CancellationToken (the HttpClient's timeout applies).
            var records = await ThisMonthResource.ReadAsync(category: Category, client: TwilioSmsSender.CreateClient(httpClients, o));
            var sms = records.FirstOrDefault();
            // No record of the category is read as nothing used this month.
            return sms is null
                ? new SmsSpendReading(new SmsSpend(0, "", "0", "messages", "0", "segments", null, null), null, time.GetUtcNow())
                : new SmsSpendReading(new SmsSpend(sms.Price, sms.PriceUnit ?? "", sms.Count ?? "", sms.CountUnit ?? "",
                    sms.Usage ?? "", sms.UsageUnit ?? "", Day(sms.StartDate), Day(sms.EndDate)), null, time.GetUtcNow());
        }
        catch (ApiException e)
        {
            // A body that is not Twilio's JSON (an HTML page, say) leaves Status and Code 0 and puts the page in the
            // message: the status, read from the message, says enough.
            var status = e.Status != 0 ? e.Status : TwilioErrorClassifier.StatusFromMessage(e.Message);
            return Failed(status is 401 or 403
                ? $"Twilio refused to show this account's usage (HTTP {status}, code {e.Code}): the credentials need access to Usage Records."
                : $"Could not read this month's spend from Twilio: it answered HTTP {status}" + (e.Code > 0 ? $", code {e.Code}: {e.Message}" : "."), e);
        }
        catch (Exception e) when (Unreachable(e, ct))
        {
            return Failed($"Could not read this month's spend from Twilio: it could not be reached or did not answer in time ({e.Message}).", e);
        }
    }

    private SmsSpendReading Problem(string words) => new(null, words, time.GetUtcNow());

    private SmsSpendReading Failed(string words, Exception e)
    {
        logger.UsageUnreadable(words, e);
        return Problem(words);
    }

    private static bool Unreachable(Exception e, CancellationToken ct) => e switch
    {
        OperationCanceledException => !ct.IsCancellationRequested,
        TwilioException or HttpRequestException or IOException or Newtonsoft.Json.JsonException or FormatException => true,
        _ => false,
    };

    private static DateOnly? Day(DateTime? value) => value is { } d ? DateOnly.FromDateTime(d) : null;
}
