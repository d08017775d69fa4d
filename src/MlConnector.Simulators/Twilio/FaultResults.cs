using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MlConnector.Simulators.Twilio;

/// <summary>Turns an injected fault into an answer (or into no answer at all).</summary>
internal static class FaultResults
{
    /// <summary>
    /// The answer for <paramref name="fault"/>, or null when the request should go on to normal processing
    /// (Slow after its delay, AcceptThenDrop which aborts only after the message is stored).
    /// </summary>
    public static async Task<(IResult Result, int Status, int? Code)?> ApplyAsync(TwilioFault fault, HttpContext context,
        TwilioSimulatorState state)
    {
        if (fault.RetryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        switch (fault.Kind)
        {
            case TwilioFaultKind.TooManyRequests:
                return (TwilioJson.Error(429, 20429, "Too Many Requests"), 429, 20429);
            case TwilioFaultKind.TooManyRequestsNoBody:
                return (Results.StatusCode(429), 429, null);
            case TwilioFaultKind.ServerErrorJson:
                return (TwilioJson.Error(500, 20500, "Internal Server Error"), 500, 20500);
            case TwilioFaultKind.ServerErrorHtml:
                return (HtmlPage(500, "500 Internal Server Error"), 500, null);
            case TwilioFaultKind.ServiceUnavailableJson:
                return (TwilioJson.Error(503, 20503, "Service Unavailable"), 503, 20503);
            case TwilioFaultKind.ServiceUnavailableHtml:
                return (HtmlPage(503, "503 Service Unavailable"), 503, null);
            case TwilioFaultKind.Hang:
                await WaitAsync(Timeout.InfiniteTimeSpan, state, context.RequestAborted);
                return (Results.Empty, 0, null);
            case TwilioFaultKind.Slow:
                await WaitAsync(fault.Delay, state, context.RequestAborted);
                return context.RequestAborted.IsCancellationRequested ? (Results.Empty, 0, null) : null;
            default:
                return null;
        }
    }

    private static IResult HtmlPage(int status, string title) =>
        Results.Content($"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>", "text/html",
            statusCode: status);

    private static async Task WaitAsync(TimeSpan delay, TwilioSimulatorState state, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(delay, state.Time, aborted);
        }
        catch (OperationCanceledException)
        {
            // the client gave up; nothing is answered
        }
    }
}
