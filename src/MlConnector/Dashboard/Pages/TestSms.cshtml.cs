using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MlConnector.Dashboard.Pages;

public sealed class TestSmsModel(Sms.TestSms sms, IAuthorizationService authorization) : DashboardPage(authorization)
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string phone, string? body, CancellationToken ct)
    {
        var (id, error) = await sms.SendAsync(phone ?? "", body, ActorName, ct);
        Message = error ?? $"Queued as alert {id}; the dispatcher sends it.";
        return id is { } alertId ? Redirect($"/alerts/{alertId}") : RedirectToPage();
    }
}
