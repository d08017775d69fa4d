using System.CommandLine;
using System.Text;
using MlConnector.Audit;

namespace MlConnector.Cli;

/// <summary><c>ml-connector audit export</c>: the audit trail of a date range as CSV or JSON lines.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var from = new Option<DateTimeOffset>("--from") { Description = "Start (inclusive), e.g. 2026-11-01.", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "End (exclusive), e.g. 2026-12-01.", Required = true };
        var format = new Option<string>("--format") { Description = "csv or jsonl.", DefaultValueFactory = _ => AuditExport.JsonLines };
        format.AcceptOnlyFromAmong(AuditExport.Csv, AuditExport.JsonLines);
        var output = new Option<FileInfo?>("--output") { Description = "Write to this file instead of standard output." };
        var export = new Command("export", "Stream the audit trail between --from and --to; progress goes to standard error.")
        {
            from, to, format, output,
        }.Admin();
        export.SetAction((result, ct) => AdminHost.RunAsync(result, true, async services =>
        {
            var (start, end) = (result.GetRequiredValue(from), result.GetRequiredValue(to));
            if (end <= start)
            {
                await CliConsole.Error.WriteLineAsync("audit export: --to must be after --from.");
                return ExitCodes.Failed;
            }

            var file = result.GetValue(output);
            await using var writer = file is null
                ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false))
                : new StreamWriter(file.FullName, false, new UTF8Encoding(false));
            var count = await AuditExport.WriteAsync(services.GetRequiredService<AuditTrail>().RangeAsync(start, end, ct),
                result.GetRequiredValue(format), writer, new SyncProgress<long>(n => CliConsole.Error.WriteLine($"audit export: {n} line(s) written")), ct);
            await CliConsole.Error.WriteLineAsync($"audit export: done, {count} line(s){(file is null ? "" : $" in {file.FullName}")}.");
            return ExitCodes.Ok;
        }, ct));
        return new Command("audit", "The audit trail.") { export };
    }
}

/// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, so lines could interleave).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
