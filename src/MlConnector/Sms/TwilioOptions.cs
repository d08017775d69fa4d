namespace MlConnector.Sms;

/// <summary>Twilio settings (section <c>Twilio</c>). Delivery is on when <see cref="AccountSid"/> is set.</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <value>The account (<c>AC…</c>). None by default, which turns delivery off (logged at start-up).</value>
    public string? AccountSid { get; set; }

    /// <value>Always required when delivery is on: Twilio signs webhooks with it. No default.</value>
    public string? AuthToken { get; set; }

    /// <value>Optional API key (<c>SK…</c>) for REST calls instead of the Auth Token.</value>
    public string? ApiKeySid { get; set; }

    /// <value>The secret of <see cref="ApiKeySid"/>.</value>
    public string? ApiKeySecret { get; set; }

    /// <value>The sending number (E.164), short code or sender ID; this or <see cref="MessagingServiceSid"/>.</value>
    public string? From { get; set; }

    /// <value>A Messaging Service (<c>MG…</c>) that picks the sender; this or <see cref="From"/>.</value>
    public string? MessagingServiceSid { get; set; }

    /// <value>Where REST calls go. The default is https://api.twilio.com; tests and the demo point it at the simulator.</value>
    public Uri BaseUrl { get; set; } = new("https://api.twilio.com");

    /// <value>
    /// The public URL Twilio calls back (behind a proxy: the outside address). Used for StatusCallback and for
    /// checking webhook signatures. None by default: the address the service is bound to.
    /// </value>
    public Uri? PublicBaseUrl { get; set; }

    /// <value>Timeout of one REST call. The default is 30 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <value>How long an alert may wait to be sent (also sent to Twilio as ValidityPeriod). The default is 4 hours.</value>
    public TimeSpan ValidityPeriod { get; set; } = TimeSpan.FromHours(4);

    /// <value>Messages-create requests per second for the sender (in every one-second window). The default is 1.</value>
    public int MessagesPerSecond { get; set; } = 1;

    /// <value>Send attempts per alert before it fails. The default is 8.</value>
    public int MaxAttempts { get; set; } = 8;

    /// <value>First retry delay (doubles each attempt, full jitter). The default is 5 seconds.</value>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <value>Longest retry delay. The default is 10 minutes.</value>
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(10);

    /// <value>
    /// The connector's own answer to a HELP (or INFO) text, sent back as TwiML. None by default: Twilio answers HELP
    /// itself (Advanced Opt-Out); set this only with Twilio's own help reply turned off, or the person gets two.
    /// At most 1,600 characters.
    /// </value>
    public string? HelpReply { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(AccountSid);

    /// <summary>The sender every alert goes out through (the Messaging Service, else the number): the rate limit and the
    /// opt-out list are kept per sender.</summary>
    public string SenderKey => string.IsNullOrWhiteSpace(MessagingServiceSid) ? From ?? "" : MessagingServiceSid;
}
