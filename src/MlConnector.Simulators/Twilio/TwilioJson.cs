using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MlConnector.Simulators.Twilio;

/// <summary>Twilio's wire shapes: the Message resource, error bodies, RFC 2822 and ISO 8601 dates.</summary>
internal static class TwilioJson
{
    public const string ApiVersion = "2010-04-01";

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "+1555..." rather than "\u002B1555...", as Twilio writes it
    };

    /// <summary>RFC 2822 in GMT the way Twilio writes it: "Thu, 24 Aug 2023 05:01:45 +0000".</summary>
    public static string Rfc2822(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC the way the newer products (Verify, Messaging Services) write it: "2015-07-30T20:00:00Z".</summary>
    public static string Iso8601(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string MessageUri(string accountSid, string sid) => $"/{ApiVersion}/Accounts/{accountSid}/Messages/{sid}.json";

    public static MessageWire Message(string accountSid, SimulatedMessage m)
    {
        var uri = MessageUri(accountSid, m.Sid);
        var sub = uri[..^".json".Length];
        return new MessageWire(
            m.Body, m.NumSegments.ToString(CultureInfo.InvariantCulture), m.Direction, m.From, m.To, Rfc2822(m.DateUpdated),
            m.Status is "sent" or "delivered" or "undelivered" ? "-0.00790" : null, m.ErrorMessage, uri, accountSid,
            m.NumMedia.ToString(CultureInfo.InvariantCulture), m.Status, m.MessagingServiceSid, m.Sid,
            m.DateSent is { } sent ? Rfc2822(sent) : null, Rfc2822(m.ReceivedAt), m.ErrorCode, "USD", ApiVersion,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["media"] = sub + "/Media.json",
                ["feedback"] = sub + "/Feedback.json",
            });
    }

    public static IResult Error(int httpStatus, int code, string message) => Results.Json(
        new ErrorBody(code, message, $"https://www.twilio.com/docs/errors/{code}", httpStatus), Options,
        statusCode: httpStatus);

    public static IResult Unauthenticated() => Error(401, 20003, "Authenticate");

    public static IResult TestCredentialsForbidden() =>
        Error(403, 20008, "Resource not accessible with Test Account Credentials");

    public static IResult NotFound(string path) =>
        Error(404, 20404, $"The requested resource {path} was not found");
}

/// <summary>The Message resource of API 2010-04-01: every field of the OpenAPI schema, counts as strings.</summary>
internal sealed record MessageWire(
    string? Body,
    string NumSegments,
    string Direction,
    string? From,
    string To,
    string DateUpdated,
    string? Price,
    string? ErrorMessage,
    string Uri,
    string AccountSid,
    string NumMedia,
    string Status,
    string? MessagingServiceSid,
    string Sid,
    string? DateSent,
    string DateCreated,
    int? ErrorCode,
    string PriceUnit,
    string ApiVersion,
    IReadOnlyDictionary<string, string> SubresourceUris);

internal sealed record ErrorBody(int Code, string Message, string MoreInfo, int Status);
