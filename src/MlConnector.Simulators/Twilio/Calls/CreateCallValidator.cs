using System.Text.RegularExpressions;
using MlConnector.Simulators.Twilio.PhoneNumbers;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>The create parameters the simulator uses (form names as Twilio spells them), defaults applied.</summary>
internal sealed record CreateCallRequest(string To, string From, Uri? Url, string Method, string? Twiml,
    Uri? StatusCallback, string StatusCallbackMethod, IReadOnlyList<string> StatusCallbackEvents, int Timeout);

/// <summary>
/// The synchronous checks of POST Calls.json, in this order. Evidenced (see docs/twilio.md): 21205 "Url parameter is
/// required" without Url or Twiml, 21205 "Url is not a valid URL", 21212 invalid From, 21210 a From the account
/// neither owns nor verified. Assumed: 21201 / 21213 for a missing To / From, 21211 for a To that is not E.164 (nor
/// <c>client:</c> / <c>sip:</c>), the Calls magic To numbers +15005550001/2/3 (21217, 21214, 21215) in both modes,
/// and a StatusCallback that is not an absolute http(s) URL answered like a bad Url (21205).
/// </summary>
internal static partial class CreateCallValidator
{
    public static readonly string[] Events = ["initiated", "ringing", "answered", "completed"];

    public static (CreateCallRequest? Request, CreateError? Error) Validate(Func<string, string?> form,
        IReadOnlyList<string> events, TwilioSimulatorOptions options, PhoneNumberStore numbers)
    {
        var to = form("To");
        var from = form("From");
        if (string.IsNullOrEmpty(to))
        {
            return (null, new(400, 21201, "No 'To' number is specified"));
        }

        if (string.IsNullOrEmpty(from))
        {
            return (null, new(400, 21213, "No 'From' number is specified"));
        }

        var (urlText, twiml) = (form("Url"), form("Twiml"));
        if (string.IsNullOrEmpty(urlText) && string.IsNullOrEmpty(twiml))
        {
            return (null, new(400, 21205, "Url parameter is required. For more information, see http://www.twilio.com/docs/api/twiml"));
        }

        Uri? url = null;
        if (!string.IsNullOrEmpty(urlText) && !TryHttpUrl(urlText, out url))
        {
            return (null, new(400, 21205, $"Url is not a valid URL: {urlText}"));
        }

        Uri? callback = null;
        if (form("StatusCallback") is { Length: > 0 } callbackText && !TryHttpUrl(callbackText, out callback))
        {
            return (null, new(400, 21205, $"StatusCallback is not a valid URL: {callbackText}"));
        }

        if ((ToError(to) ?? FromError(from, options.TestCredentials, numbers)) is { } error)
        {
            return (null, error);
        }

        var timeout = Math.Clamp(ListPage.Int(form("Timeout"), 60), 1, 600);
        var requested = events.Select(e => e.Trim().ToLowerInvariant()).Where(Events.Contains).Distinct().ToList();
        return (new CreateCallRequest(to, from, url, HttpMethod(form("Method")), url is null ? twiml : null, callback,
            HttpMethod(form("StatusCallbackMethod")), requested.Count > 0 ? requested : ["completed"], timeout), null);
    }

    private static CreateError? ToError(string to) => to switch
    {
        "+15005550001" => new(400, 21217, $"Phone number does not appear to be valid: {to}"),
        "+15005550002" => new(400, 21214, $"'To' phone number cannot be reached: {to}"),
        "+15005550003" => new(400, 21215, $"Account not authorized to call {to}. Perhaps you need to enable some international permissions."),
        _ when to.StartsWith("client:", StringComparison.Ordinal) || to.StartsWith("sip:", StringComparison.Ordinal) => null,
        _ when !E164().IsMatch(to) => new(400, 21211, $"Invalid 'To' Phone Number: {to}"),
        _ => null,
    };

    private static CreateError? FromError(string from, bool test, PhoneNumberStore numbers) => from switch
    {
        "+15005550001" => Invalid(from),
        "+15005550006" when test => null,
        _ when !E164().IsMatch(from) && !from.StartsWith("client:", StringComparison.Ordinal) => Invalid(from),
        _ when test || numbers.FindByNumber(from) is null => new(400, 21210,
            $"The source phone number provided, {from}, is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio."),
        _ => null,
    };

    private static CreateError Invalid(string from) => new(400, 21212, $"From is not a valid phone number: {from}");

    private static string HttpMethod(string? method) =>
        string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) ? "GET" : "POST";

    private static bool TryHttpUrl(string text, out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && url.Scheme is "http" or "https";

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
