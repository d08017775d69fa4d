using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Alerts;
using MlConnector.Outbox;

namespace MlConnector.Dashboard.Pages.Alerts;

public sealed class AlertDetailModel(AlertQueries queries, ReplayService replay, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>The alert, or null when there is none with that id.</summary>
    public AlertDetail? Detail { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await queries.GetAsync(Id, ct) is not { } detail)
        {
            Response.StatusCode = StatusCodes.Status404NotFound; // said inside the layout, with the way back
            return Page();
        }

        Detail = detail;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            Message = "A reason is required.";
        }
        else
        {
            Message = await replay.ReplayAsync(Id, ActorName, reason.Trim(), ct) switch
            {
                ReplayOutcome.Replayed => "Replayed: the alert is queued again.",
                ReplayOutcome.Held => "Not replayed: the alert waits in its rule's hold; release or discard the hold on the rules page.",
                _ => "Not replayed: the alert is already queued or being sent.",
            };
        }

        return RedirectToPage(new { id = Id });
    }
}
