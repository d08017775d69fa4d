using Microsoft.AspNetCore.Authorization;
using MlConnector.Recipients;
using MlConnector.Webhooks;

namespace MlConnector.Dashboard.Pages;

public sealed class InboundModel(InboundMessages inbound, OptOutList optOuts, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    public IReadOnlyList<InboundMessage> Messages { get; private set; } = [];

    public IReadOnlyList<OptOut> OptOuts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Messages = await inbound.RecentAsync(100, ct);
        OptOuts = await optOuts.ListAsync(ct);
    }
}
