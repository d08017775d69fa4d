using MlConnector.Simulators.Twilio.Calls;
using MlConnector.Simulators.Twilio.Usage;
using MlConnector.Simulators.Twilio.Verify;

namespace MlConnector.Simulators.Twilio;

/// <summary>Settings of the Twilio simulator. The credentials are fake and fixed so a demo can print and reuse them.</summary>
public sealed class TwilioSimulatorOptions
{
    /// <value>The default is a fixed <c>AC</c> SID that never exists on Twilio.</value>
    public string AccountSid { get; set; } = "AC5117000000000000000000000000c0de";

    /// <value>The default is a fixed 32-hex token; it also signs callbacks and inbound webhooks.</value>
    public string AuthToken { get; set; } = "5117a07410ce5117a07410ce5117a074";

    /// <value>The default is a fixed <c>SK</c> SID; Basic auth with it and <see cref="ApiKeySecret"/> is accepted.</value>
    public string ApiKeySid { get; set; } = "SK5117000000000000000000000000c0de";

    /// <value>The default is a fixed secret.</value>
    public string ApiKeySecret { get; set; } = "simulator-api-key-secret";

    /// <summary>
    /// Behave like Twilio test credentials: magic From/To numbers, no status callbacks, every GET answered
    /// 403 / 20008. The default is false.
    /// </summary>
    public bool TestCredentials { get; set; }

    /// <value>Accepted Messages-create requests per one-second window; 0 or less means unlimited. The default is 10.</value>
    public int MessagesPerSecond { get; set; } = 10;

    /// <summary>
    /// Where injected inbound SMS are POSTed (the connector's inbound webhook) unless the receiving number's SmsUrl or
    /// its Messaging Service's inbound URL says otherwise. None by default.
    /// </summary>
    public Uri? InboundWebhookUrl { get; set; }

    /// <value>The Twilio number inbound SMS are addressed to by default. The default is <c>+15005550006</c>.</value>
    public string InboundToNumber { get; set; } = "+15005550006";

    /// <summary>
    /// Further numbers the account owns (listed by IncomingPhoneNumbers, valid call senders); <see cref="InboundToNumber"/>
    /// is always one of them.
    /// </summary>
    public IList<string> PhoneNumbers { get; } = new List<string>();

    /// <value>The account's Messaging Service, holding <see cref="InboundToNumber"/>. The default is a fixed <c>MG</c> SID.</value>
    public string MessagingServiceSid { get; set; } = "MG5117000000000000000000000000c0de";

    public CallSimulatorOptions Calls { get; } = new();

    public VerifySimulatorOptions Verify { get; } = new();

    public UsageSimulatorOptions Usage { get; } = new();

    /// <value>Simulated time from create (or queued) to the "sent" (or "failed") callback. The default is 1 second.</value>
    public TimeSpan SentDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>Simulated time from create to the "delivered"/"undelivered" callback. The default is 3 seconds.</value>
    public TimeSpan DeliveredDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Keep an inbound STOP per sender, as Twilio does: it blocks the number texted (and its Messaging Service), while
    /// the account's other senders still reach the phone. The default is false: a STOP blocks every sender.
    /// </summary>
    public bool OptOutsPerSender { get; set; }

    /// <summary>Send each message's callbacks in reverse order (final status first), as Twilio may.</summary>
    public bool ReorderCallbacks { get; set; }

    /// <summary>Send every callback twice with the same <c>I-Twilio-Idempotency-Token</c>, as Twilio's retries do.</summary>
    public bool DuplicateCallbacks { get; set; }

    /// <summary>
    /// Final outcome per destination number; numbers not listed end <see cref="DeliveryOutcome.Delivered"/>.
    /// </summary>
    public IDictionary<string, DeliveryOutcome> Outcomes { get; } = new Dictionary<string, DeliveryOutcome>(StringComparer.Ordinal);
}
