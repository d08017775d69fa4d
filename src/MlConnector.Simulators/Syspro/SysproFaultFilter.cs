using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Syspro;

/// <summary>Applies <see cref="SysproFaults"/> to e.net endpoints (endpoint filter) and OData actions (MVC filter).</summary>
internal sealed class SysproFaultFilter(SysproFaults faults, ILogger<SysproFaultFilter> logger)
    : IEndpointFilter, IAsyncActionFilter
{
    public const string FaultBody = "Simulated fault: the SYSPRO service failed.";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await faults.BeforeRequestAsync(http.RequestAborted))
        {
            logger.Fault(http.Request.Path.Value ?? "");
            return Results.Text(FaultBody, statusCode: StatusCodes.Status500InternalServerError);
        }

        return await next(context);
    }

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (await faults.BeforeRequestAsync(http.RequestAborted))
        {
            logger.Fault(http.Request.Path.Value ?? "");
            context.Result = new ContentResult
            {
                Content = FaultBody,
                ContentType = "text/plain",
                StatusCode = StatusCodes.Status500InternalServerError,
            };
            return;
        }

        await next();
    }
}
