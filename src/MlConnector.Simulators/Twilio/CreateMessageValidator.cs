using System.Text.RegularExpressions;

namespace MlConnector.Simulators.Twilio;

/// <summary>A synchronous create error: HTTP status, Twilio code, message.</summary>
internal sealed record CreateError(int HttpStatus, int Code, string Message);

/// <summary>The create parameters the simulator looks at (form names as Twilio spells them).</summary>
internal sealed record CreateMessageRequest(string? To, string? From, string? MessagingServiceSid, string? Body,
    int MediaCount, string? ContentSid, string? StatusCallback);

/// <summary>
/// The synchronous create checks (specs/twilio.md, sections 1-3). How To is validated, in both modes: optional
/// <c>whatsapp:</c> prefix, then E.164 (<c>+</c>, a non-zero digit, 7-15 digits in all); the magic To numbers
/// +1500555000{1,2,3,4,9} give 21211/21612/21408/21610/21614 in both modes (that range is never a real phone).
/// From: E.164, a 5-6 digit short code or an 11-character alphanumeric sender ID; the magic From numbers
/// +1500555000{1,7,8} give 21212/21606/21611 in both modes; with test credentials any From but +15005550006 is 21606.
/// </summary>
internal static partial class CreateMessageValidator
{
    public const int MaxBodyLength = 1600;

    public static CreateError? Validate(CreateMessageRequest r, TwilioSimulatorState state)
    {
        var test = state.Options.TestCredentials;
        if (string.IsNullOrEmpty(r.To))
        {
            return new(400, 21604, "A 'To' phone number is required.");
        }

        if (string.IsNullOrEmpty(r.From) && string.IsNullOrEmpty(r.MessagingServiceSid))
        {
            return new(400, 21603, "A 'From' phone number is required.");
        }

        if (string.IsNullOrEmpty(r.Body) && r.MediaCount == 0 && string.IsNullOrEmpty(r.ContentSid))
        {
            return new(400, 21619, "A text message body or media urls must be specified.");
        }

        if (r.MessagingServiceSid is { } service)
        {
            if (test)
            {
                return new(403, 20008, "Resource not accessible with Test Account Credentials");
            }

            if (!ServiceSid().IsMatch(service))
            {
                return new(400, 21701, $"The Messaging Service Sid {service} is invalid.");
            }
        }

        return ToError(r.To) ?? FromError(r.From, test) ?? BodyError(r.Body) ?? CallbackError(r.StatusCallback)
            ?? (state.IsOptedOut(r.To, r.From, r.MessagingServiceSid) ? new(400, 21610, "Attempt to send to unsubscribed recipient") : null);
    }

    private static CreateError? ToError(string to)
    {
        var number = to.StartsWith("whatsapp:", StringComparison.Ordinal) ? to["whatsapp:".Length..] : to;
        return number switch
        {
            "+15005550002" => new(400, 21612, $"The 'To' phone number: {to}, is not currently reachable using the 'From' phone number via SMS."),
            "+15005550003" => new(400, 21408, $"Permission to send an SMS has not been enabled for the region indicated by the 'To' number: {to}."),
            "+15005550004" => new(400, 21610, "Attempt to send to unsubscribed recipient"),
            "+15005550009" => new(400, 21614, $"'To' number {to} is not a valid mobile number"),
            "+15005550001" => InvalidTo(to),
            _ when !E164().IsMatch(number) => InvalidTo(to),
            _ => null,
        };
    }

    private static CreateError InvalidTo(string to) => new(400, 21211, $"Invalid 'To' Phone Number: {to}");

    private static CreateError? FromError(string? from, bool test) => from switch
    {
        null or "" => null, // a Messaging Service picks the sender
        "+15005550001" => new(400, 21212, $"The 'From' number {from} is not a valid phone number, shortcode, or alphanumeric sender ID."),
        "+15005550007" => NotOwned(from),
        "+15005550008" => new(400, 21611, $"This 'From' number {from} has exceeded the maximum number of queued messages"),
        "+15005550006" => null,
        _ when test => NotOwned(from),
        _ when !E164().IsMatch(from) && !ShortCode().IsMatch(from) && !AlphaSender().IsMatch(from) =>
            new(400, 21212, $"The 'From' number {from} is not a valid phone number, shortcode, or alphanumeric sender ID."),
        _ => null,
    };

    private static CreateError NotOwned(string from) =>
        new(400, 21606, $"The 'From' phone number provided ({from}) is not a valid message-capable Twilio phone number for this destination/account");

    private static CreateError? BodyError(string? body) => body is { Length: > MaxBodyLength }
        ? new(400, 21617, "The concatenated message body exceeds the 1600 character limit")
        : null;

    private static CreateError? CallbackError(string? callback) =>
        callback is null || (Uri.TryCreate(callback, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? null
            : new(400, 21609, $"Invalid StatusCallback url: {callback}");

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^[0-9]{5,6}$")]
    private static partial Regex ShortCode();

    [GeneratedRegex("^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")]
    private static partial Regex AlphaSender();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex ServiceSid();
}
