using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Recipients;
using MlConnector.Webhooks;

namespace MlConnector.Dashboard.Pages;

public sealed class OptOutsModel(OptOutList optOuts, TimeProvider time, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    public IReadOnlyList<OptOut> OptOuts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => OptOuts = await optOuts.ListAsync(ct);

    public async Task<IActionResult> OnPostLiftAsync(string? sender, string? phone, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || string.IsNullOrWhiteSpace(phone))
        {
            Message = "A reason is required to lift an opt-out.";
        }
        else
        {
            // The sender of rows kept before opt-outs were per sender is blank, which a form posts as nothing.
            Message = await optOuts.LiftAsync(sender ?? OptOutList.UnattributedSender, phone, ActorName, reason.Trim(), time.GetUtcNow(), ct)
                ? $"Opt-out of {phone} lifted: the connector texts it again. Twilio still refuses it (21610) until the person texts START."
                : $"{phone} was not opted out (a START may have lifted it already).";
        }

        return RedirectToPage();
    }

    /// <summary>Why a number is on the list, in words.</summary>
    public static string Describe(string source) => source switch
    {
        OptOutKeywords.StopKeyword => "texted STOP",
        OptOutList.TwilioRefusedSource => "Twilio refused a text to it (21610: the person opted out at Twilio)",
        _ => source,
    };
}
