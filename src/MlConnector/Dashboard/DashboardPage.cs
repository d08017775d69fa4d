using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlConnector.Access;

namespace MlConnector.Dashboard;

/// <summary>Base for dashboard pages: who is signed in, and whether they may change things.</summary>
public abstract class DashboardPage(IAuthorizationService authorization) : PageModel
{
    public bool CanOperate { get; private set; }

    public string ActorName => Actor.Of(HttpContext);

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Message { get; set; }

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        CanOperate = (await authorization.AuthorizeAsync(User, null, OperatorRoles.CanOperate)).Succeeded;
        if (context?.HandlerMethod?.HttpMethod == "Post" && NeedsOperator && !CanOperate)
        {
            context.Result = Forbid();
            return;
        }

        await next();
    }

    /// <summary>Whether this page's POST handlers change state (replay, pause, send).</summary>
    protected virtual bool NeedsOperator => true;
}
