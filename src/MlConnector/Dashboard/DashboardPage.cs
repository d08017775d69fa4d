using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MlConnector.Access;

namespace MlConnector.Dashboard;

/// <summary>Base for dashboard pages: who is signed in, and whether they may change things.</summary>
public abstract class DashboardPage(IAuthorizationService authorization) : PageModel
{
    public bool CanOperate { get; private set; }

    /// <summary>Whether the user may manage users, API keys and sessions.</summary>
    public bool CanAdminister { get; private set; }

    public string ActorName => Actor.Of(HttpContext);

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Message { get; set; }

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        CanOperate = (await authorization.AuthorizeAsync(User, null, OperatorRoles.CanOperate)).Succeeded;
        CanAdminister = (await authorization.AuthorizeAsync(User, null, OperatorRoles.CanAdminister)).Succeeded;
        var allowed = PostsNeed switch
        {
            OperatorRoles.Admin => CanAdminister,
            OperatorRoles.Operator => CanOperate,
            _ => true,
        };
        if (context?.HandlerMethod?.HttpMethod == "Post" && !allowed)
        {
            context.Result = Forbid();
            return;
        }

        await next();
    }

    /// <summary>The role this page's POST handlers need: operator by default (replay, pause, send), admin for the
    /// pages that manage access, viewer for a page whose posts concern only the signed-in user.</summary>
    protected virtual string PostsNeed => OperatorRoles.Operator;
}
