using System.Security.Cryptography;
using System.Text;

namespace MlConnector.Simulators.Twilio.PhoneNumbers;

/// <summary>
/// The account's numbers and its Messaging Service: the options' <see cref="TwilioSimulatorOptions.InboundToNumber"/>
/// and <see cref="TwilioSimulatorOptions.PhoneNumbers"/>, each with a SID derived from the account and the number (so
/// it is the same in every run), and one service holding the inbound number. Thread-safe.
/// </summary>
public sealed class PhoneNumberStore
{
    private readonly List<SimulatedPhoneNumber> _numbers;
    private readonly List<SimulatedMessagingService> _services;
    private readonly TwilioSimulatorOptions _options;
    private readonly Lock _gate = new();

    public PhoneNumberStore(TwilioSimulatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        var now = time.GetUtcNow();
        _numbers = [.. new[] { options.InboundToNumber }.Concat(options.PhoneNumbers).Distinct(StringComparer.Ordinal)
            .Select(n => new SimulatedPhoneNumber(SidFor("PN", options.AccountSid, n), n, Display(n), null, "POST", null,
                "POST", null, now, now))];
        _services = [new SimulatedMessagingService(options.MessagingServiceSid, "ml-connector simulator",
            [options.InboundToNumber], null, "POST", false, null, now, now)];
    }

    public IReadOnlyList<SimulatedPhoneNumber> Numbers
    {
        get
        {
            lock (_gate)
            {
                return [.. _numbers];
            }
        }
    }

    public IReadOnlyList<SimulatedMessagingService> Services
    {
        get
        {
            lock (_gate)
            {
                return [.. _services];
            }
        }
    }

    public SimulatedPhoneNumber? Find(string sid)
    {
        lock (_gate)
        {
            return _numbers.Find(n => n.Sid == sid);
        }
    }

    public SimulatedPhoneNumber? FindByNumber(string phoneNumber)
    {
        lock (_gate)
        {
            return _numbers.Find(n => n.PhoneNumber == phoneNumber);
        }
    }

    public SimulatedMessagingService? FindService(string sid)
    {
        lock (_gate)
        {
            return _services.Find(s => s.Sid == sid);
        }
    }

    /// <summary>Applies a change and returns the updated number (null when the SID is unknown).</summary>
    public SimulatedPhoneNumber? Update(string sid, Func<SimulatedPhoneNumber, SimulatedPhoneNumber> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var index = _numbers.FindIndex(n => n.Sid == sid);
            return index < 0 ? null : _numbers[index] = change(_numbers[index]);
        }
    }

    /// <summary>Applies a change and returns the updated service (null when the SID is unknown).</summary>
    public SimulatedMessagingService? UpdateService(string sid, Func<SimulatedMessagingService, SimulatedMessagingService> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var index = _services.FindIndex(s => s.Sid == sid);
            return index < 0 ? null : _services[index] = change(_services[index]);
        }
    }

    /// <summary>
    /// Where a text to <paramref name="to"/> is posted: the inbound URL of the number's Messaging Service when it has
    /// one and does not defer to the number; else the number's SmsUrl; else the simulator's
    /// <see cref="TwilioSimulatorOptions.InboundWebhookUrl"/> (the stand-in for whatever the console was set to).
    /// Null when none is set. (Twilio would drop the text or answer with the console's defaults: not simulated.) The
    /// target names the service only when the service's URL is used (Twilio sends MessagingServiceSid whenever the
    /// number is in a service; the simulator keeps the number-sender case as it always was).
    /// </summary>
    public InboundTarget? InboundTargetFor(string to)
    {
        lock (_gate)
        {
            var number = _numbers.Find(n => n.PhoneNumber == to);
            var service = _services.Find(s => s.Senders.Contains(to, StringComparer.Ordinal));
            if (service is { UseInboundWebhookOnNumber: false, InboundRequestUrl: { } serviceUrl })
            {
                return new InboundTarget(serviceUrl, service.InboundMethod, service.Sid, "messaging-service");
            }

            if (number?.SmsUrl is { } smsUrl)
            {
                return new InboundTarget(smsUrl, number.SmsMethod, null, "number");
            }

            return _options.InboundWebhookUrl is { } fallback ? new InboundTarget(fallback, "POST", null, "simulator") : null;
        }
    }

    /// <summary>A SID that is the same for the same account and value in every run.</summary>
    internal static string SidFor(string prefix, string accountSid, string value) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountSid + "/" + value)))[..32];

    /// <summary>North American numbers as Twilio displays them, "(500) 555-0006"; others as given.</summary>
    internal static string Display(string e164) => e164.Length == 12 && e164.StartsWith("+1", StringComparison.Ordinal)
        ? $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}"
        : e164;
}
