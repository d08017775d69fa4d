using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using MlConnector.Simulators.Twilio.PhoneNumbers;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>
/// The Calls resource of API 2010-04-01: create (201, status queued), fetch, and list (newest first; filters To, From,
/// Status, StartTime and its bounds; Twilio's paging).
/// </summary>
internal static class CallsApi
{
    public static void MapCallsApi(this IEndpointRouteBuilder routes)
    {
        foreach (var api in TwilioProducts.Groups(routes, TwilioProducts.Api, "/2010-04-01/Accounts/{accountSid}"))
        {
            api.AddEndpointFilter<TwilioAuthFilter>().AddEndpointFilter(new FaultFilter(TwilioFaultTarget.Calls));
            api.MapPost("/Calls.json", CreateAsync).WithMetadata(TestCredentialsAllowed.Instance);
            api.MapGet("/Calls.json", Read);
            api.MapGet("/Calls/{sid}.json", (HttpRequest request, string accountSid, string sid, CallStore calls,
                PhoneNumberStore numbers) => calls.Find(sid) is { } call
                    ? Results.Json(CallJson.Call(accountSid, call, numbers), TwilioJson.Options)
                    : TwilioJson.NotFound(request.Path));
        }
    }

    private static async Task<IResult> CreateAsync(HttpContext context, string accountSid, TwilioSimulatorState state,
        PhoneNumberStore numbers, CallStore calls, CallEngine engine, ILogger<CallEngine> logger)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (request, error) = CreateCallValidator.Validate(
            name => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null,
            [.. form["StatusCallbackEvent"].OfType<string>()], state.Options, numbers);
        if (error is not null)
        {
            logger.CreateRejected(error.HttpStatus, error.Code);
            return TwilioJson.Error(error.HttpStatus, error.Code, error.Message);
        }

        var call = new LiveCall(TwilioSimulatorState.NewSid("CA"), state.Time.GetUtcNow(), request!, calls.OutcomeFor(request!.To));
        calls.Add(call);
        engine.Start(call);
        logger.CallAccepted(call.Sid);
        return Results.Json(CallJson.Call(accountSid, call.Snapshot(), numbers), TwilioJson.Options, statusCode: 201);
    }

    private static IResult Read(HttpRequest request, string accountSid, CallStore calls, PhoneNumberStore numbers)
    {
        var q = request.Query;
        var day = DateFilter.Parse(q["StartTime"]);
        var before = DateFilter.Parse(q["StartTime<"]);
        var after = DateFilter.Parse(q["StartTime>"]);
        var filtered = calls.Calls.Reverse()
            .Where(c => Matches(q["To"], c.To) && Matches(q["From"], c.From) && Matches(q["Status"], c.Status))
            .Where(c => day is null && before is null && after is null
                || (c.StartTime is { } start && DateFilter.Within(start, day, before, after)))
            .ToList();
        return ListPage.Json(request, $"/2010-04-01/Accounts/{accountSid}/Calls.json", "calls", filtered, c => c.Sid,
            c => CallJson.Call(accountSid, c, numbers));
    }

    private static bool Matches(string? filter, string value) => string.IsNullOrEmpty(filter) || filter == value;
}
