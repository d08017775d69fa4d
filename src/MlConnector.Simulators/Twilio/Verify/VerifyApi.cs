using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Twilio.Verify;

/// <summary>
/// Verify v2 (https://verify.twilio.com, served under /verify/v2 and /v2): POST Services/{VA}/Verifications (201),
/// POST Services/{VA}/VerificationCheck (200), GET and POST Services/{VA}/Verifications/{VE}. Only the SMS channel
/// delivers; the code is kept for inspection (GET /_sim/twilio/verifications). Rules: <see cref="VerifyStore"/>.
/// </summary>
internal static partial class VerifyApi
{
    private static readonly string[] Channels = ["sms", "call", "email", "whatsapp", "sna", "auto"];

    public static void MapVerifyApi(this IEndpointRouteBuilder routes)
    {
        foreach (var verify in TwilioProducts.Groups(routes, TwilioProducts.Verify, "/v2/Services/{serviceSid}"))
        {
            verify.AddEndpointFilter<TwilioAuthFilter>().AddEndpointFilter(new FaultFilter(TwilioFaultTarget.Verify));
            verify.MapPost("/Verifications", SendAsync);
            verify.MapPost("/VerificationCheck", CheckAsync);
            verify.MapGet("/Verifications/{sid}", (HttpRequest request, string serviceSid, string sid, VerifyStore store,
                TwilioSimulatorState state) => Ours(serviceSid, state) && store.Pending(sid, state.Time.GetUtcNow()) is { } v
                    ? Results.Json(VerifyJson.Verification(state.Options.AccountSid, v), TwilioJson.Options)
                    : TwilioJson.NotFound(ServicePath(request)));
            verify.MapPost("/Verifications/{sid}", UpdateAsync);
        }
    }

    private static async Task<IResult> SendAsync(HttpContext context, string serviceSid, VerifyStore store,
        TwilioSimulatorState state, ILogger<VerifyStore> logger)
    {
        if (!Ours(serviceSid, state))
        {
            return TwilioJson.NotFound(ServicePath(context.Request));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (to, channel) = (form["To"].ToString(), form["Channel"].ToString().ToLowerInvariant());
        if (!E164().IsMatch(to))
        {
            return TwilioJson.Error(400, 60200, $"Invalid parameter `To`: {to}");
        }

        if (!Channels.Contains(channel))
        {
            return TwilioJson.Error(400, 60200, $"Invalid parameter `Channel`: {channel}");
        }

        if (channel != "sms")
        {
            return TwilioJson.Error(400, 60223, $"Delivery channel disabled: {channel.ToUpperInvariant()}");
        }

        var (verification, error) = store.Send(to, channel, state.Time.GetUtcNow());
        if (error is not null)
        {
            logger.CreateRejected(error.HttpStatus, error.Code);
            return TwilioJson.Error(error.HttpStatus, error.Code, error.Message);
        }

        logger.VerificationSent(verification!.Sid, verification.SendAttempts.Count);
        return Results.Json(VerifyJson.Verification(state.Options.AccountSid, verification), TwilioJson.Options, statusCode: 201);
    }

    private static async Task<IResult> CheckAsync(HttpContext context, string serviceSid, VerifyStore store,
        TwilioSimulatorState state, ILogger<VerifyStore> logger)
    {
        if (!Ours(serviceSid, state))
        {
            return TwilioJson.NotFound(ServicePath(context.Request));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (code, to, sid) = (form["Code"].ToString(), form["To"].ToString(), form["VerificationSid"].ToString());
        if (code.Length is < 4 or > 10)
        {
            return TwilioJson.Error(400, 60200, "Invalid parameter: Code");
        }

        if (to.Length == 0 && sid.Length == 0)
        {
            return TwilioJson.Error(400, 60200, "Invalid parameter: either To or VerificationSid is required");
        }

        var (verification, error) = store.Check(to.Length > 0 ? to : null, sid.Length > 0 ? sid : null, code,
            state.Time.GetUtcNow(), ServicePath(context.Request));
        if (error is not null)
        {
            return TwilioJson.Error(error.HttpStatus, error.Code, error.Message);
        }

        logger.VerificationChecked(verification!.Sid, verification.Status);
        return Results.Json(VerifyJson.Check(state.Options.AccountSid, verification), TwilioJson.Options);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string serviceSid, string sid, VerifyStore store,
        TwilioSimulatorState state)
    {
        var status = (await context.Request.ReadFormAsync(context.RequestAborted))["Status"].ToString();
        if (status is not ("canceled" or "approved"))
        {
            return TwilioJson.Error(400, 60200, $"Invalid parameter `Status`: {status}");
        }

        return Ours(serviceSid, state) && store.SetStatus(sid, status, state.Time.GetUtcNow()) is { } v
            ? Results.Json(VerifyJson.Verification(state.Options.AccountSid, v), TwilioJson.Options)
            : TwilioJson.NotFound(ServicePath(context.Request));
    }

    private static bool Ours(string serviceSid, TwilioSimulatorState state) => serviceSid == state.Options.Verify.ServiceSid;

    /// <summary>The path as Verify names it in a 404 ("/Services/VA.../VerificationCheck"), without the version or prefix.</summary>
    private static string ServicePath(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        var at = path.IndexOf("/Services/", StringComparison.Ordinal);
        return at < 0 ? path : path[at..];
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
