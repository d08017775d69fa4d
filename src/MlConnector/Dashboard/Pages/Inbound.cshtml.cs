using Microsoft.AspNetCore.Authorization;
using MlConnector.Webhooks;

namespace MlConnector.Dashboard.Pages;

public sealed class InboundModel(InboundMessages inbound, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    public IReadOnlyList<InboundMessage> Messages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Messages = await inbound.RecentAsync(100, ct);
    }
}
