using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Inspection and control over HTTP for the standalone simulator (no auth: it binds to loopback and is fake):
/// GET requests | callbacks (GET messages and the phone view: <see cref="Phone.PhoneView"/>); POST opt-out | opt-in
/// {phone}; POST inbound {from, body, to?};
/// POST faults {kind, count, delaySeconds, retryAfter, target}; POST faults/down {kind, forSeconds, retryAfter, target};
/// DELETE faults; POST rate {perSecond}.
/// </summary>
internal static class TwilioControlApi
{
    public const string Prefix = "/_sim/twilio";

    public static void MapTwilioControlApi(this IEndpointRouteBuilder routes)
    {
        var sim = routes.MapGroup(Prefix);
        sim.MapGet("/requests", (TwilioSimulatorState s) => TypedResults.Ok(s.CreateRequests));
        sim.MapGet("/callbacks", (TwilioSimulatorState s) => TypedResults.Ok(s.Callbacks));
        sim.MapPost("/opt-out", (PhoneRequest r, TwilioSimulatorState s) =>
        {
            s.OptOut(r.Phone);
            return TypedResults.NoContent();
        });
        sim.MapPost("/opt-in", (PhoneRequest r, TwilioSimulatorState s) =>
        {
            s.OptIn(r.Phone);
            return TypedResults.NoContent();
        });
        sim.MapPost("/inbound", async (InboundRequest r, InboundSmsInjector injector, CancellationToken ct) =>
        {
            if (r.From is not { Length: > 0 } || r.Body is null)
            {
                return Results.BadRequest("from and body are required");
            }

            try
            {
                return Results.Ok(await injector.InjectAsync(r.From, r.Body, r.To, ct));
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(e.Message);
            }
            catch (InvalidOperationException e)
            {
                return Results.Conflict(e.Message);
            }
        });
        sim.MapPost("/faults", (FaultRequest r, TwilioSimulatorState s) =>
        {
            if (r.ToFault() is not { } fault)
            {
                return Results.BadRequest($"kind must be one of: {string.Join(", ", Enum.GetNames<TwilioFaultKind>())}");
            }

            if (r.ToTarget() is not { } target)
            {
                return Results.BadRequest($"target must be one of: {string.Join(", ", Enum.GetNames<TwilioFaultTarget>())}");
            }

            s.Faults.Enqueue(fault, Math.Max(r.Count ?? 1, 1), target);
            return Results.NoContent();
        });
        sim.MapPost("/faults/down", (FaultRequest r, TwilioSimulatorState s) =>
        {
            if (r.ToFault() is not { } fault)
            {
                return Results.BadRequest($"kind must be one of: {string.Join(", ", Enum.GetNames<TwilioFaultKind>())}");
            }

            if (r.ToTarget() is not { } target)
            {
                return Results.BadRequest($"target must be one of: {string.Join(", ", Enum.GetNames<TwilioFaultTarget>())}");
            }

            s.Faults.DownUntil(s.Time.GetUtcNow() + TimeSpan.FromSeconds(r.ForSeconds ?? 60), fault, target);
            return Results.NoContent();
        });
        sim.MapDelete("/faults", (TwilioSimulatorState s) =>
        {
            s.Faults.Clear();
            return TypedResults.NoContent();
        });
        sim.MapPost("/rate", (RateRequest r, TwilioSimulatorState s) =>
        {
            s.SetMessagesPerSecond(r.PerSecond);
            return TypedResults.NoContent();
        });
    }
}

internal sealed record PhoneRequest(string Phone);

internal sealed record InboundRequest(string? From, string? Body, string? To);

internal sealed record RateRequest(int PerSecond);

internal sealed record FaultRequest(string? Kind, int? Count, double? DelaySeconds, int? RetryAfter, double? ForSeconds,
    string? Target)
{
    /// <summary>The resource the fault hits: Messages when not given.</summary>
    public TwilioFaultTarget? ToTarget() => Target is null
        ? TwilioFaultTarget.Messages
        : Enum.TryParse<TwilioFaultTarget>(Target.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var target)
            && Enum.IsDefined(target) ? target : null;

    public TwilioFault? ToFault() => Enum.TryParse<TwilioFaultKind>(Kind, ignoreCase: true, out var kind)
        ? new TwilioFault(kind, TimeSpan.FromSeconds(DelaySeconds ?? 0), RetryAfter)
        : null;
}
