using System.Reflection;
using Twilio.Exceptions;

namespace MlConnector.Sms;

/// <summary>What the connector's reads of Twilio's lists (messages, calls) share: which failures mean "could not read",
/// what to say about one, and the SDK's dates as UTC.</summary>
internal static class TwilioReads
{
    /// <summary>
    /// What a read of Twilio may throw: the SDK's own exceptions, and, from the next pages it fetches while enumerated
    /// (by reflection, synchronously), the same wrapped in TargetInvocationException or AggregateException; a timeout.
    /// Not a cancellation of ours.
    /// </summary>
    public static bool Unreadable(Exception e, CancellationToken ct) => Unwrap(e) switch
    {
        OperationCanceledException => !ct.IsCancellationRequested,
        TwilioException or HttpRequestException or IOException or System.Text.Json.JsonException or FormatException => true,
        _ => false,
    };

    public static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or AggregateException && e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }

    /// <summary>The failure's kind, and Twilio's HTTP status and code when it answered.</summary>
    public static string Why(Exception e) =>
        Unwrap(e).GetType().Name + (Unwrap(e) is ApiException api ? $" {api.Status} {api.Code}" : "");

    public static DateTimeOffset? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } d => new DateTimeOffset(d.ToUniversalTime(), TimeSpan.Zero),
        { } d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc), TimeSpan.Zero),
    };
}
