using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Access;
using MlConnector.Audit;

namespace MlConnector.Dashboard.Pages;

/// <summary>One user's active sessions (admins only): when each started and was last used, from where, with which
/// browser and how it signed in; ending one refuses its cookie from the next request on.</summary>
public sealed class SessionsModel(SessionStore sessions, OperatorStore operators, AccessAudit audit, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    [BindProperty(SupportsGet = true)]
    public string UserName { get; set; } = "";

    public IReadOnlyList<OperatorSession> Sessions { get; private set; } = [];

    /// <summary>The session this page is being looked at from (marked, so an admin does not end it by mistake).</summary>
    public string? Current => OperatorSessions.SessionIdOf(User);

    protected override string PostsNeed => OperatorRoles.Admin;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await operators.SessionOfAsync(UserName, ct) is null)
        {
            return NotFound();
        }

        Sessions = await sessions.ListAsync(UserName, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(string sessionId, CancellationToken ct)
    {
        if (await sessions.EndAsync(UserName, sessionId ?? "", ct))
        {
            await audit.RecordAsync(AuditKinds.SessionEnded, ActorName, new { user = UserName }, ct);
            Message = $"Session of {UserName} ended.";
        }
        else
        {
            Message = "That session had already ended.";
        }

        return RedirectToPage(new { userName = UserName });
    }
}
