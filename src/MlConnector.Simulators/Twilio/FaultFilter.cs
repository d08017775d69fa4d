using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Applies the faults queued for one <see cref="TwilioFaultTarget"/> to every route of a group (after authentication,
/// as Twilio answers 401 before anything else). Messages-create applies its faults itself, to record them.
/// </summary>
internal sealed class FaultFilter(TwilioFaultTarget target) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<TwilioSimulatorState>();
        if (state.Faults.Next(target) is not { } fault)
        {
            return await next(context);
        }

        http.RequestServices.GetRequiredService<ILogger<FaultFilter>>().FaultInjected(fault.Kind);
        if (await FaultResults.ApplyAsync(fault, http, state) is { } faulted)
        {
            return faulted.Result;
        }

        var result = await next(context);
        if (fault.Kind == TwilioFaultKind.AcceptThenDrop)
        {
            http.Abort(); // the work is done; the client just never hears of it
            return Results.Empty;
        }

        return result;
    }
}
