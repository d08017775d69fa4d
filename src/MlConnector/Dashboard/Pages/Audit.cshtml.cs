using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Audit;
using MlConnector.Site;

namespace MlConnector.Dashboard.Pages;

/// <summary>The audit export as a button: the CLI's and the API's range and formats, with the range in the site's days.</summary>
public sealed class AuditModel(AuditTrail audit, SiteTime times, TimeProvider time, IAuthorizationService authorization)
    : DashboardPage(authorization)
{
    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
        To = times.DayOf(time.GetUtcNow());
        From = To.AddDays(-6);
    }

    /// <summary>Streams the trail from the first day's start to the end of the last day as a download.</summary>
    public async Task<IActionResult> OnGetExportAsync(DateOnly from, DateOnly to, string? format, CancellationToken ct)
    {
        if (!AuditExport.IsKnown(format) || to < from)
        {
            OnGet();
            Error = "Choose a format (CSV or JSON lines) and a last day on or after the first.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Response.ContentType = AuditExport.ContentType(format!);
        Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.{format}\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false), leaveOpen: true);
        await AuditExport.WriteAsync(audit.RangeAsync(times.StartOf(from), times.StartOf(to.AddDays(1)), ct), format!, writer, null, ct);
        return new EmptyResult();
    }
}
