using System.Globalization;
using System.Text.Json;

namespace MlConnector.Audit;

/// <summary>Writes audit lines as CSV or JSON lines, one at a time (streamed, never all in memory).</summary>
public static class AuditExport
{
    public const string Csv = "csv";
    public const string JsonLines = "jsonl";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool IsKnown(string? format) => format is Csv or JsonLines;

    public static string ContentType(string format) => format == Csv ? "text/csv; charset=utf-8" : "application/x-ndjson";

    public static async Task<long> WriteAsync(IAsyncEnumerable<AuditLine> lines, string format, TextWriter writer,
        IProgress<long>? progress, CancellationToken ct)
    {
        long count = 0;
        if (format == Csv)
        {
            await writer.WriteLineAsync("id,company,alert_id,at,kind,actor,detail");
        }

        await foreach (var line in lines.WithCancellation(ct))
        {
            await writer.WriteLineAsync(format == Csv ? ToCsv(line) : JsonSerializer.Serialize(line, Json));
            if (++count % 1000 == 0)
            {
                progress?.Report(count);
                await writer.FlushAsync(ct);
            }
        }

        await writer.FlushAsync(ct);
        progress?.Report(count);
        return count;
    }

    private static string ToCsv(AuditLine l) => string.Join(',',
        l.Id.ToString(CultureInfo.InvariantCulture), Quote(l.Company),
        l.AlertId?.ToString(CultureInfo.InvariantCulture) ?? "",
        l.At.ToString("O", CultureInfo.InvariantCulture), Quote(l.Kind), Quote(l.Actor), Quote(l.Detail ?? ""));

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
