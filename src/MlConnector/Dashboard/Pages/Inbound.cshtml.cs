using Microsoft.AspNetCore.Authorization;
using MlConnector.Operations;

namespace MlConnector.Dashboard.Pages;

public sealed class InboundModel(InboundQueries queries, IAuthorizationService authorization) : DashboardPage(authorization)
{
    public IReadOnlyList<InboundMessage> Messages { get; private set; } = [];

    public IReadOnlyList<OptOut> OptOuts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Messages = await queries.RecentAsync(100, ct);
        OptOuts = await queries.OptOutsAsync(ct);
    }
}
