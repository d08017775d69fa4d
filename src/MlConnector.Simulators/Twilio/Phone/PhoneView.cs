using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MlConnector.Simulators.Twilio.Calls;
using MlConnector.Simulators.Twilio.Verify;

namespace MlConnector.Simulators.Twilio.Phone;

/// <summary>
/// GET /_sim/twilio/phone: the phone view (HTML). GET /_sim/twilio/messages: the messages as JSON (for tests and
/// scripts), or the phone view when the client asks for HTML first (a browser). Either path with
/// <c>?part=conversations</c> answers only the conversations, which the page's script polls.
/// </summary>
internal static class PhoneView
{
    public static void MapPhoneView(this IEndpointRouteBuilder routes)
    {
        var sim = routes.MapGroup(TwilioControlApi.Prefix);
        sim.MapGet("/phone", (HttpRequest request, TwilioSimulatorState state, VerifyStore verify, CallStore calls) =>
            Html(request, PhoneThreads.Build(state, verify, calls)));
        sim.MapGet("/messages", (HttpRequest request, TwilioSimulatorState state, VerifyStore verify, CallStore calls) =>
            WantsHtml(request) ? Html(request, PhoneThreads.Build(state, verify, calls)) : Results.Ok(state.Messages));
    }

    private static IResult Html(HttpRequest request, IReadOnlyList<PhoneThread> threads) =>
        Results.Content(request.Query["part"] == "conversations" ? PhonePage.Conversations(threads) : PhonePage.Page(threads),
            "text/html; charset=utf-8");

    /// <summary>HTML when asked for a part, or when text/html comes before any JSON in the Accept header.</summary>
    private static bool WantsHtml(HttpRequest request)
    {
        if (request.Query["part"] == "conversations")
        {
            return true;
        }

        var accept = request.Headers.Accept.ToString();
        var html = accept.IndexOf("text/html", StringComparison.OrdinalIgnoreCase);
        var json = accept.IndexOf("json", StringComparison.OrdinalIgnoreCase);
        return html >= 0 && (json < 0 || html < json);
    }
}
