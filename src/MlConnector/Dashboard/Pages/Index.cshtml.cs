using Microsoft.AspNetCore.Authorization;

namespace MlConnector.Dashboard.Pages;

public sealed class IndexModel(OverviewQueries overview, Detection.PollTracker tracker, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    public Overview Overview { get; private set; } = null!;

    /// <summary>Which connector instance rendered this page (several may share one database).</summary>
    public string InstanceId => tracker.InstanceId;

    public async Task OnGetAsync(CancellationToken ct) => Overview = await overview.GetAsync(ct);
}
