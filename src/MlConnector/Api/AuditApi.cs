using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using MlConnector.Audit;

namespace MlConnector.Api;

/// <summary>/api/audit/export: the audit trail for a date range, streamed as CSV or JSON lines.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit/export", Results<PushStreamHttpResult, ProblemHttpResult> (
                DateTimeOffset from, DateTimeOffset to, string? format, AuditTrail audit, HttpContext http) =>
            {
                var chosen = format ?? AuditExport.JsonLines;
                if (!AuditExport.IsKnown(chosen) || to <= from)
                {
                    return TypedResults.Problem("format must be csv or jsonl, and to must be after from.",
                        statusCode: StatusCodes.Status400BadRequest, title: "Bad export request");
                }

                return TypedResults.Stream(async stream =>
                {
                    await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                    await AuditExport.WriteAsync(audit.RangeAsync(from, to, http.RequestAborted), chosen, writer, null, http.RequestAborted);
                }, AuditExport.ContentType(chosen), $"audit.{chosen}");
            })
            .WithTags("Audit")
            .WithSummary("The audit trail between from (inclusive) and to (exclusive): format=csv or jsonl (default).");
        return api;
    }
}
