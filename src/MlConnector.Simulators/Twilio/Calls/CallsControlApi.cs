using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>
/// Inspection and control of simulated calls: GET calls (each with its TwiML documents, transcript and webhooks),
/// GET calls/{sid}; POST calls/{sid}/digits {digits} (a keypress: 200 with the call after the &lt;Gather&gt; action
/// was followed, 409 when the call is not waiting in a &lt;Gather&gt;); POST call-outcomes {phone, outcome}
/// (answer | busy | no-answer | failed, for calls placed from then on).
/// </summary>
internal static class CallsControlApi
{
    public static void MapCallsControlApi(this IEndpointRouteBuilder routes)
    {
        var sim = routes.MapGroup(TwilioControlApi.Prefix);
        sim.MapGet("/calls", (CallStore calls) => TypedResults.Ok(calls.Calls));
        sim.MapGet("/calls/{sid}", (string sid, CallStore calls) =>
            calls.Find(sid) is { } call ? Results.Ok(call) : Results.NotFound($"no call {sid}"));
        sim.MapPost("/calls/{sid}/digits", async (string sid, DigitsRequest r, CallEngine engine, CallStore calls,
            CancellationToken ct) =>
        {
            if (r.Digits is not { Length: > 0 } digits)
            {
                return Results.BadRequest("digits is required");
            }

            return await engine.PressAsync(sid, digits, ct) switch
            {
                KeypressResult.Followed => Results.Ok(calls.Find(sid)),
                KeypressResult.UnknownCall => Results.NotFound($"no call {sid}"),
                _ => Results.Conflict($"call {sid} is not waiting for keys (status {calls.Find(sid)?.Status})"),
            };
        });
        sim.MapPost("/call-outcomes", (OutcomeRequest r, CallStore calls) =>
        {
            if (r.Phone is not { Length: > 0 } phone || r.ToOutcome() is not { } outcome)
            {
                return Results.BadRequest("phone and outcome (answer, busy, no-answer, failed) are required");
            }

            calls.SetOutcome(phone, outcome);
            return Results.NoContent();
        });
    }
}

internal sealed record DigitsRequest(string? Digits);

internal sealed record OutcomeRequest(string? Phone, string? Outcome)
{
    public CallOutcome? ToOutcome() =>
        Enum.TryParse<CallOutcome>(Outcome?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var outcome)
        && Enum.IsDefined(outcome) ? outcome : null;
}
