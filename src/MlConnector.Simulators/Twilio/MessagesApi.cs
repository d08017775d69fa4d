using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using MlConnector.Common;

namespace MlConnector.Simulators.Twilio;

/// <summary>The Twilio REST surface: Accounts/{sid}.json and Messages create, fetch and list (API 2010-04-01).</summary>
internal static class MessagesApi
{
    public static void MapMessagesApi(this IEndpointRouteBuilder routes)
    {
        foreach (var api in TwilioProducts.Groups(routes, TwilioProducts.Api, "/2010-04-01/Accounts"))
        {
            api.AddEndpointFilter<TwilioAuthFilter>();
            api.MapGet("/{accountSid}.json", FetchAccount);
            api.MapPost("/{accountSid}/Messages.json", CreateAsync).WithMetadata(TestCredentialsAllowed.Instance);
            api.MapGet("/{accountSid}/Messages.json", (HttpRequest request, string accountSid, TwilioSimulatorState state) =>
                MessageList.Read(request, accountSid, state)).AddEndpointFilter(new FaultFilter(TwilioFaultTarget.MessageList));
            api.MapGet("/{accountSid}/Messages/{sid}.json", (HttpRequest request, string accountSid, string sid,
                TwilioSimulatorState state) => state.Find(sid) is { } m
                    ? Results.Json(TwilioJson.Message(accountSid, m), TwilioJson.Options)
                    : TwilioJson.NotFound(request.Path)).AddEndpointFilter(new FaultFilter(TwilioFaultTarget.MessageFetch));
        }
    }

    private static IResult FetchAccount(string accountSid, TwilioSimulatorState state)
    {
        var created = TwilioJson.Rfc2822(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var uri = $"/2010-04-01/Accounts/{accountSid}.json";
        return Results.Json(new AccountWire(state.Options.AuthToken, created, created, "ml-connector simulator",
            accountSid, accountSid, "active", new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["messages"] = $"/2010-04-01/Accounts/{accountSid}/Messages.json",
                ["calls"] = $"/2010-04-01/Accounts/{accountSid}/Calls.json",
                ["incoming_phone_numbers"] = $"/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers.json",
                ["usage"] = $"/2010-04-01/Accounts/{accountSid}/Usage.json",
            }, "Full", uri), TwilioJson.Options);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, string accountSid, TwilioSimulatorState state,
        StatusCallbackScheduler scheduler, ILogger<TwilioSimulatorState> logger)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var request = new CreateMessageRequest(Value(form, "To"), Value(form, "From"), Value(form, "MessagingServiceSid"),
            Value(form, "Body"), form["MediaUrl"].Count, Value(form, "ContentSid"), Value(form, "StatusCallback"));
        var fault = state.Faults.Next();
        if (fault is not null)
        {
            logger.FaultInjected(fault.Kind);
            if (await FaultResults.ApplyAsync(fault, context, state) is { } faulted)
            {
                Record(state, request, faulted.Status, faulted.Code, null);
                return faulted.Result;
            }
        }

        var error = CreateMessageValidator.Validate(request, state);
        if (error is null && !state.Limiter.TryAcquire())
        {
            error = new CreateError(429, 20429, "Too Many Requests");
        }

        if (error is not null)
        {
            logger.CreateRejected(error.HttpStatus, error.Code);
            Record(state, request, error.HttpStatus, error.Code, null);
            return TwilioJson.Error(error.HttpStatus, error.Code, error.Message);
        }

        var message = NewMessage(request, state);
        state.Add(message);
        Record(state, request, 201, null, message.Sid);
        scheduler.Schedule(message);
        logger.MessageAccepted(message.Sid, message.NumSegments);
        if (fault?.Kind == TwilioFaultKind.AcceptThenDrop)
        {
            context.Abort(); // accepted and stored, but the client sees a transport error: an "in doubt" send
            return Results.Empty;
        }

        return Results.Json(TwilioJson.Message(accountSid, message), TwilioJson.Options, statusCode: 201);
    }

    private static SimulatedMessage NewMessage(CreateMessageRequest r, TwilioSimulatorState state)
    {
        var now = state.Time.GetUtcNow();
        var viaService = r.MessagingServiceSid is not null;
        var segments = viaService ? 0 : SmsSegments.Count(r.Body ?? string.Empty).Segments; // "0" until a sender is picked
        return new SimulatedMessage(TwilioSimulatorState.NewSid(r.MediaCount > 0 ? "MM" : "SM"), now, "outbound-api",
            r.To!, string.IsNullOrEmpty(r.From) ? null : r.From, r.Body, r.MessagingServiceSid,
            r.StatusCallback is null ? null : new Uri(r.StatusCallback), viaService ? "accepted" : "queued", null, null,
            segments, r.MediaCount, now, null);
    }

    private static void Record(TwilioSimulatorState state, CreateMessageRequest r, int status, int? code, string? sid) =>
        state.Record(new CreateRequestRecord(state.Time.GetUtcNow(), r.To, r.From, status, code, sid));

    private static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;
}

internal sealed record AccountWire(string AuthToken, string DateCreated, string DateUpdated, string FriendlyName,
    string OwnerAccountSid, string Sid, string Status, IReadOnlyDictionary<string, string> SubresourceUris, string Type,
    string Uri);
