using Microsoft.AspNetCore.Authorization;
using MlConnector.Operations;

namespace MlConnector.Dashboard.Pages;

public sealed class IndexModel(OverviewQueries overview, IAuthorizationService authorization) : DashboardPage(authorization)
{
    public Overview Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Overview = await overview.GetAsync(ct);
}
