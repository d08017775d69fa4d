using MlConnector.Detection;
using MlConnector.Rules;
using MlConnector.Syspro;

namespace MlConnector.Cli;

/// <summary>
/// The CLI's schema check of the rules (<c>ping</c>, <c>config validate</c>): each rule's table and columns against its
/// company's SYSPRO. Over e.net it logs on as <c>Syspro:Enet:ProbeOperator</c> (or, with <c>--force</c>, as the
/// service's operator), never ending the running service's session unasked, and logs off when done.
/// </summary>
internal static class RuleSchemaReport
{
    public static async Task<IReadOnlyList<(RuleDefinition Rule, RuleSchemaStatus Status)>> CheckAsync(IServiceProvider services,
        IReadOnlyList<RuleDefinition> rules, bool force, bool readOneRow, CancellationToken ct)
    {
        var schemas = services.GetRequiredService<RuleSchemas>();
        var companies = services.GetRequiredService<SysproCompanies>();
        var probe = services.GetRequiredService<SysproProbe>();
        var sessions = new Dictionary<string, EnetSession?>(StringComparer.OrdinalIgnoreCase);
        var results = new List<(RuleDefinition, RuleSchemaStatus)>();
        try
        {
            foreach (var rule in rules)
            {
                EnetSession? session = null;
                if (rule.Transport == SysproTransport.Enet && companies.Find(rule.Company) is { } company)
                {
                    if (!sessions.TryGetValue(company.Id, out session))
                    {
                        sessions[company.Id] = session = probe.ProbeSession(company, force);
                    }

                    if (session is null)
                    {
                        results.Add((rule, RuleSchemaStatus.Unchecked with { NotChecked = SysproProbe.NotProbed(company.Options.Enet) }));
                        continue;
                    }
                }

                results.Add((rule, await schemas.CheckAsync(rule, session, readOneRow, ct)));
            }
        }
        finally
        {
            foreach (var session in sessions.Values.OfType<EnetSession>())
            {
                await LogoffQuietlyAsync(session, ct);
            }
        }

        return results;
    }

    /// <summary>Warnings for the optional columns a rule runs without, one per column, and a note when it cannot read
    /// its changes by rowversion.</summary>
    public static IEnumerable<string> Warnings(RuleDefinition rule, RuleSchemaStatus status) =>
        status.Dropped.Select(c => $"warning: rule {rule.Id}: SYSPRO's {rule.Table} has no column {c}; the rule runs without it (its texts show it empty).")
            .Concat(status.RowVersionMissing
                ? [$"note: rule {rule.Id}: SYSPRO's {rule.Table} has no column {rule.RowVersionColumn}; the rule reads its whole working set at every poll."]
                : []);

    /// <summary><c>config validate</c>'s part: exit 2 naming the rule, table and column of every missing required column;
    /// a SYSPRO that cannot be reached is said, and does not fail the validation.</summary>
    public static async Task<int> ValidateAsync(IServiceProvider services, RuleSet rules, CancellationToken ct)
    {
        var report = await CheckAsync(services, rules.Rules, force: false, readOneRow: false, ct);
        foreach (var (rule, status) in report)
        {
            foreach (var warning in Warnings(rule, status))
            {
                CliConsole.Out.WriteLine(warning);
            }

            if (status.State == RuleSchemaState.Unchecked)
            {
                CliConsole.Out.WriteLine($"rule {rule.Id}: the SYSPRO schema was not checked ({status.NotChecked}).");
            }
        }

        var errors = report.Where(r => r.Status.State == RuleSchemaState.Error).ToList();
        foreach (var (rule, status) in errors)
        {
            await CliConsole.Error.WriteLineAsync($"ml-connector: Rules:{rule.Id}: {status.Error}");
        }

        var checkedCount = report.Count(r => r.Status.State != RuleSchemaState.Unchecked);
        if (errors.Count > 0)
        {
            return ExitCodes.Configuration;
        }

        CliConsole.Out.WriteLine($"Configuration is valid: {rules.Rules.Count} rule(s) ({string.Join(", ", rules.Rules.Select(r => r.Id))}); " +
            $"SYSPRO schema checked for {checkedCount} of them.");
        return ExitCodes.Ok;
    }

    private static async Task LogoffQuietlyAsync(EnetSession session, CancellationToken ct)
    {
        try
        {
            await session.LogoffAsync(ct);
        }
        catch (Exception e) when (e is SysproException or HttpRequestException or TaskCanceledException)
        {
            // The check's outcome is what matters; SYSPRO ends an abandoned session at its idle timeout.
        }
        finally
        {
            session.Dispose();
        }
    }
}
