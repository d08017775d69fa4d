using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MlConnector.Recipients;
using Twilio.Exceptions;

namespace MlConnector.Sms;

/// <summary>
/// Maps what the Twilio SDK throws to a <see cref="SendResult"/> (specs/twilio.md, section 2). Pure, so it is tested
/// without HTTP. Twilio advises against hard-coding on codes; unknown codes fall back on the HTTP status.
/// </summary>
public static partial class TwilioErrorClassifier
{
    private static readonly HashSet<int> PermanentCodes =
    [
        20003, 20008, 20403, 20404, 21211, 21212, 21408, 21603, 21604, 21606, 21609, 21610, 21612, 21614, 21617,
        21619, 21658, 21701, 30002, 30004, 30005, 30006, 30007, 30034,
    ];

    private static readonly HashSet<int> TransientCodes = [20429, 21611, 30001, 30003, 30008];

    public static SendResult Classify(Exception exception, TimeSpan? retryAfter = null) => exception switch
    {
        ApiException api => FromApi(api, retryAfter),
        ApiConnectionException { InnerException: var inner } when RefusedBeforeSending(inner) =>
            new SendResult.Transient(null, "connection refused", retryAfter),
        ApiConnectionException connection => new SendResult.InDoubt(Describe(connection)),
        // Anything else (e.g. an unreadable 201 body) came after the request was sent.
        _ => new SendResult.InDoubt(exception.GetType().Name + ": " + Redact(exception.Message)),
    };

    /// <summary>The class of a Twilio error code and HTTP status, as the SDK reported them.</summary>
    public static SendResult Classify(int code, int status, string message, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(message);
        message = Redact(message);
        if (PermanentCodes.Contains(code))
        {
            return new SendResult.Permanent(code, message);
        }

        if (TransientCodes.Contains(code) || status is 429 or >= 500 or 0)
        {
            return new SendResult.Transient(code == 0 ? null : code, message, retryAfter);
        }

        return new SendResult.Permanent(code == 0 ? status : code, message);
    }

    private static SendResult FromApi(ApiException e, TimeSpan? retryAfter)
    {
        var status = e.Status != 0 ? e.Status : StatusFromMessage(e.Message);
        // Code 0 and Status 0: an empty or non-JSON body (HTML 502, bare 429); the message is "Api Error: BadGateway - ...".
        var reason = e.Code == 0 ? $"HTTP {status}" : e.Message;
        return Classify(e.Code, status, reason, retryAfter);
    }

    /// <summary>Reads the HTTP status from "Api Error: {HttpStatusCode} - {content}" (0 when it is not there).</summary>
    public static int StatusFromMessage(string message)
    {
        const string prefix = "Api Error: ";
        if (!message.StartsWith(prefix, StringComparison.Ordinal))
        {
            return 0;
        }

        var end = message.IndexOf(" - ", prefix.Length, StringComparison.Ordinal);
        var name = end < 0 ? message[prefix.Length..] : message[prefix.Length..end];
        return Enum.TryParse<HttpStatusCode>(name.Trim(), ignoreCase: true, out var code) ? (int)code : 0;
    }

    /// <summary>Twilio quotes the numbers in its messages ("Invalid 'To' Phone Number: +1555..."); those never reach
    /// logs or the audit, so long digit runs are masked.</summary>
    public static string Redact(string text) => PhoneLike().Replace(text, m => PhoneFormat.Mask(m.Value));

    [GeneratedRegex(@"\+?[0-9][0-9 ()-]{5,}[0-9]")]
    private static partial Regex PhoneLike();

    private static bool RefusedBeforeSending(Exception? inner) =>
        inner is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } }
            or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    private static string Describe(ApiConnectionException e) =>
        e.InnerException is TaskCanceledException ? "timed out waiting for Twilio" : "connection lost: " + Redact(e.InnerException?.Message ?? "");
}
