using System.ComponentModel.DataAnnotations;
using MlConnector.Settings;

namespace MlConnector.Sms;

/// <summary>Twilio settings (section <c>Twilio</c>). Delivery is on when <see cref="AccountSid"/> is set.</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>The Twilio account (AC followed by 32 hex digits). Without it delivery is off: alerts wait in the outbox.</summary>
    /// <value>The default is none (delivery off, said at start-up).</value>
    public string? AccountSid { get; set; }

    /// <summary>The account's Auth Token. Always required with an Account SID: Twilio signs webhooks with it, also when
    /// REST calls use an API key. Give it as the environment variable MLC_Twilio__AuthToken.</summary>
    /// <value>The default is none.</value>
    [Secret]
    public string? AuthToken { get; set; }

    /// <summary>An API key (SK...) for REST calls instead of the Auth Token; with ApiKeySecret.</summary>
    /// <value>The default is none.</value>
    public string? ApiKeySid { get; set; }

    /// <summary>The secret of ApiKeySid. Give it as the environment variable MLC_Twilio__ApiKeySecret.</summary>
    /// <value>The default is none.</value>
    [Secret]
    public string? ApiKeySecret { get; set; }

    /// <summary>The sending number in E.164 (+15550100001), a short code or an alphanumeric sender ID; this or
    /// MessagingServiceSid.</summary>
    /// <value>The default is none.</value>
    public string? From { get; set; }

    /// <summary>A Messaging Service (MG...) that picks the sender; this or From.</summary>
    /// <value>The default is none.</value>
    public string? MessagingServiceSid { get; set; }

    /// <summary>A Twilio Verify service of this account (VA followed by 32 hex digits; console: Verify, Services). When
    /// set, signing in to the dashboard needs a second factor for every user: after the password, a code Verify texts to
    /// the user's phone (ml-connector users phone), or one of the user's one-time recovery codes. Needs AccountSid and
    /// AuthToken.</summary>
    /// <value>The default is none (sign-in with a password alone).</value>
    [RegularExpression("^VA[0-9a-fA-F]{32}$", ErrorMessage = "{0} is not a Verify service SID: VA followed by 32 hex digits, e.g. VA0123456789abcdef0123456789abcdef")]
    public string? VerifyServiceSid { get; set; }

    /// <summary>Where REST calls go; tests and the demo point it at the simulator.</summary>
    /// <value>The default is https://api.twilio.com.</value>
    public Uri BaseUrl { get; set; } = new("https://api.twilio.com");

    /// <summary>
    /// The public https address Twilio calls back (behind a proxy: the outside address). Status callbacks go to
    /// /webhooks/twilio/status, inbound texts to /webhooks/twilio/inbound, and signatures are checked against it.
    /// Required, and https, with the real Twilio API.
    /// </summary>
    /// <value>The default is none: the address the service is bound to (for the simulator only).</value>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long one Twilio request may take (1 second to 5 minutes). A create whose answer never came is "in
    /// doubt" and is looked up in Twilio's message list before any resend.</summary>
    /// <value>The default is 00:00:30.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an alert may wait to be sent, also sent to Twilio as ValidityPeriod (1 second to 10 hours,
    /// Twilio's limit).</summary>
    /// <value>The default is 04:00:00.</value>
    [Range(typeof(TimeSpan), "00:00:01", "10:00:00")]
    public TimeSpan ValidityPeriod { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Messages-create requests per second for the sender, in every one-second window, across all instances
    /// sharing the database (1 to 1000).</summary>
    /// <value>The default is 1.</value>
    [Range(1, 1000)]
    public int MessagesPerSecond { get; set; } = 1;

    /// <summary>Send attempts per alert before it fails (1 to 100); it can then be replayed.</summary>
    /// <value>The default is 8.</value>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; it doubles each attempt, with full jitter (1 second to 1 hour). A Retry-After from
    /// Twilio wins.</summary>
    /// <value>The default is 00:00:05.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest retry delay (at least BackoffBase, at most a day).</summary>
    /// <value>The default is 00:10:00.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The connector's own answer to a HELP (or INFO) text, sent back as TwiML. Twilio answers HELP itself
    /// (Advanced Opt-Out); set this only with Twilio's own help reply turned off, or the person gets two. At most 1,600
    /// characters.</summary>
    /// <value>The default is none.</value>
    public string? HelpReply { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(AccountSid);

    /// <summary>Whether sign-in needs a Verify code (a second factor).</summary>
    public bool SecondFactorOn => Enabled && !string.IsNullOrWhiteSpace(VerifyServiceSid);

    /// <summary>The sender every alert goes out through (the Messaging Service, else the number): the rate limit and the
    /// opt-out list are kept per sender.</summary>
    public string SenderKey => string.IsNullOrWhiteSpace(MessagingServiceSid) ? From ?? "" : MessagingServiceSid;

    /// <summary>Whether REST calls go to the real Twilio (not a simulator).</summary>
    public bool IsRealTwilio => BaseUrl.IsAbsoluteUri && BaseUrl.Host.EndsWith("twilio.com", StringComparison.OrdinalIgnoreCase);
}
