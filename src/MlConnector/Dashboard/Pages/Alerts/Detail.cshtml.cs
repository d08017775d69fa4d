using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Alerts;
using Microsoft.Extensions.Options;
using MlConnector.Outbox;
using MlConnector.Recipients;
using MlConnector.Rules;
using MlConnector.Sms;

namespace MlConnector.Dashboard.Pages.Alerts;

public sealed class AlertDetailModel(AlertQueries queries, ReplayService replay, OptOutList optOuts, IOptions<TwilioOptions> twilio,
    RuleSet rules, IAuthorizationService authorization) : DashboardPage(authorization)
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>The alert, or null when there is none with that id.</summary>
    public AlertDetail? Detail { get; private set; }

    /// <summary>What the alert's rule watches for, in words (its Description), while the rule is still configured.</summary>
    public string? RuleDescription => Detail is null ? null : rules.Find(Detail.Alert.Rule)?.Description;

    /// <summary>Whether the alert's number is opted out for the sender now: a replay would be suppressed.</summary>
    public bool OptedOut { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await queries.GetAsync(Id, ct) is not { } detail)
        {
            Response.StatusCode = StatusCodes.Status404NotFound; // said inside the layout, with the way back
            return Page();
        }

        Detail = detail;
        OptedOut = await optOuts.ContainsPhoneAsync(twilio.Value.SenderKey, detail.Alert.Phone, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? reason, bool replayOptedOut, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            Message = "A reason is required.";
        }
        else if (!replayOptedOut && await queries.GetAsync(Id, ct) is { } detail
            && await optOuts.ContainsPhoneAsync(twilio.Value.SenderKey, detail.Alert.Phone, ct))
        {
            Message = $"Not replayed: {detail.Alert.Phone} opted out, so the text would not be sent. Lift the opt-out on the "
                + "Opt-outs page first (and ask the person to text START), or confirm the replay.";
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
