using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MlConnector.Dashboard.Pages;

public sealed class IndexModel(OverviewQueries overview, Detection.PollTracker tracker, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    /// <summary>How often an open overview updates itself.</summary>
    public const int RefreshSeconds = 5;

    public Overview Overview { get; private set; } = null!;

    /// <summary>Which connector instance rendered this page (several may share one database).</summary>
    public string InstanceId => tracker.InstanceId;

    public async Task OnGetAsync(CancellationToken ct) => Overview = await overview.GetAsync(ct);

    /// <summary>A duration as the overview shows it: "1.2 s", "4 min 10 s".</summary>
    public static string Seconds(TimeSpan d) => d < TimeSpan.FromMinutes(1)
        ? $"{d.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s"
        : $"{(int)d.TotalMinutes} min {d.Seconds} s";

    /// <summary>The overview's changing part alone, for the page's refresh in place.</summary>
    public async Task<IActionResult> OnGetLiveAsync(CancellationToken ct)
    {
        Overview = await overview.GetAsync(ct);
        return Partial("_Live", this);
    }
}
