using System.Collections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Logging;
using MlConnector.Simulators.Syspro.Enet;

namespace MlConnector.Simulators.Syspro.Requests;

/// <summary>
/// Every e.net request (endpoint filter) and entity-set request (MVC filter) passes here: it is counted, then
/// <see cref="SysproFaults"/> may fail it, then a <see cref="SysproBadAnswers"/> bad answer may replace the real
/// one, then paging hooks for its table run, then it is answered and its rows are counted. The control API never passes here, so faults can always be lifted.
/// </summary>
internal sealed class SysproRequestFilter(
    SysproFaults faults, SysproRequestCounter counter, SysproPagingHooks hooks, SysproBadAnswers badAnswers,
    SysproSimulatorOptions options, ILogger<SysproRequestFilter> logger)
    : IEndpointFilter, IAsyncActionFilter
{
    public const string FaultBody = "Simulated fault: the SYSPRO service failed.";

    /// <summary>HttpContext item where an e.net handler leaves the number of rows it returned.</summary>
    public const string RowsItem = "syspro.rows";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = EnetRequestName.Of(http);
        counter.Request(SysproRequestCounter.Enet, request.Target);
        if (await faults.BeforeRequestAsync(http.RequestAborted))
        {
            logger.Fault(http.Request.Path.Value ?? "");
            return Results.Text(FaultBody, statusCode: StatusCodes.Status500InternalServerError);
        }

        if (badAnswers.Take(SysproRequestCounter.Enet, request.BusinessObject, request.Table) is { } bad)
        {
            logger.BadAnswer(bad.Mode ?? "", request.Target);
            return new BadAnswerResult(bad, options.ODataRoute);
        }

        if (request.Table is { } table)
        {
            hooks.OnRequest(table);
        }

        var result = await next(context);
        if (http.Items[RowsItem] is int rows)
        {
            counter.Rows(SysproRequestCounter.Enet, request.Target, rows);
        }

        return result;
    }

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        var entitySet = (context.ActionDescriptor as ControllerActionDescriptor)?.ControllerName ?? "";
        counter.Request(SysproRequestCounter.OData, entitySet);
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

        if (badAnswers.Take(SysproRequestCounter.OData, entitySet) is { } bad)
        {
            logger.BadAnswer(bad.Mode ?? "", entitySet);
            context.Result = new BadAnswerResult(bad, options.ODataRoute);
            return;
        }

        hooks.OnRequest(entitySet);
        var executed = await next();
        if ((executed.Result as ObjectResult)?.Value is ICollection rows)
        {
            counter.Rows(SysproRequestCounter.OData, entitySet, rows.Count);
        }
    }
}
