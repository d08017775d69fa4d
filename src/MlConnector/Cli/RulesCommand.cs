using System.CommandLine;
using System.Text.Json;
using MlConnector.Detection;
using MlConnector.Site;

namespace MlConnector.Cli;

/// <summary><c>ml-connector rules list | show | release | discard</c>: the rules page of the dashboard, in the terminal.
/// Release and discard end a rule's hold (the running service sends released alerts at its next dispatch).</summary>
internal static class RulesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var listJson = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "Every rule: table, last poll, error and hold.") { listJson }.Admin();
        list.SetAction((result, ct) => AdminHost.RunAsync(result, false, async services =>
        {
            var rules = await services.GetRequiredService<RuleQueries>().StatusAsync(ct);
            if (result.GetValue(listJson))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(rules, Json));
                return ExitCodes.Ok;
            }

            var times = services.GetRequiredService<SiteTime>();
            CliConsole.Out.WriteLine($"{"RULE",-24}  {"TABLE",-16}  {"LAST POLL",-25}  {"HELD",6}  STATE");
            foreach (var r in rules)
            {
                CliConsole.Out.WriteLine($"{r.Id,-24}  {r.Table,-16}  {times.Format(r.LastPollAt, "never"),-25}  " +
                    $"{r.Held?.Alerts ?? 0,6}  {State(r, times)}");
            }

            return ExitCodes.Ok;
        }, ct));

        var id = new Argument<string>("id") { Description = "The rule id." };
        var showJson = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var show = new Command("show", "One rule: configuration, last poll, hold and recent runs. Exit 1 when there is no such rule.")
        {
            id, showJson,
        }.Admin();
        show.SetAction((result, ct) => AdminHost.RunAsync(result, false, async services =>
        {
            var queries = services.GetRequiredService<RuleQueries>();
            var ruleId = result.GetValue(id)!;
            if ((await queries.StatusAsync(ct)).FirstOrDefault(r => r.Id.Equals(ruleId, StringComparison.OrdinalIgnoreCase)) is not { } rule)
            {
                await CliConsole.Error.WriteLineAsync($"rules show: no rule {ruleId} is configured.");
                return ExitCodes.Failed;
            }

            var runs = await queries.RecentRunsAsync(rule.Id, 10, ct);
            CliConsole.Out.WriteLine(result.GetValue(showJson) ? JsonSerializer.Serialize(new { rule, held = rule.Held, recentRuns = runs }, Json) : Describe(rule, runs, services.GetRequiredService<SiteTime>()));
            return ExitCodes.Ok;
        }, ct));

        return new Command("rules", "The polling rules: list, show, and release or discard a held poll.")
        {
            list, show, EndHold("release", release: true), EndHold("discard", release: false),
        };
    }

    private static Command EndHold(string name, bool release)
    {
        var id = new Argument<string>("id") { Description = "The rule whose hold ends." };
        var reason = new Option<string>("--reason") { Description = "Why, for the audit trail of every alert (required).", Required = true };
        var command = new Command(name, release
            ? "Queue every held alert of a rule; the service sends each once. Exit 1 when the rule has no hold."
            : "Discard every held alert of a rule; none is sent. Exit 1 when the rule has no hold.")
        {
            id, reason,
        }.Admin();
        command.SetAction((result, ct) => AdminHost.RunAsync(result, false, async services =>
        {
            var ruleId = result.GetValue(id)!;
            var text = result.GetValue(reason);
            if (string.IsNullOrWhiteSpace(text))
            {
                await CliConsole.Error.WriteLineAsync($"rules {name}: --reason must say why; it goes into the audit trail.");
                return ExitCodes.Usage;
            }

            var holds = services.GetRequiredService<RuleHolds>();
            var actor = $"cli:{Environment.UserName}";
            var (outcome, alerts) = release
                ? await holds.ReleaseAsync(ruleId, actor, text, ct)
                : await holds.DiscardAsync(ruleId, actor, text, ct);
            switch (outcome)
            {
                case HoldOutcome.Done:
                    CliConsole.Out.WriteLine(release
                        ? $"Rule {ruleId}: {alerts} held alert(s) released; the service sends each once."
                        : $"Rule {ruleId}: {alerts} held alert(s) discarded; none is sent.");
                    return ExitCodes.Ok;
                case HoldOutcome.NothingHeld:
                    await CliConsole.Error.WriteLineAsync($"rules {name}: rule {ruleId} has no held alerts.");
                    return ExitCodes.Failed;
                default:
                    await CliConsole.Error.WriteLineAsync($"rules {name}: no rule {ruleId} is configured.");
                    return ExitCodes.Failed;
            }
        }, ct));
        return command;
    }

    private static string State(RuleStatus r, SiteTime times) =>
        r.Held is { } held ? $"held: {held.Alerts} alert(s) since {times.Format(held.Since)}"
        : r.Paused ? "paused"
        : r.LastError is { } error ? $"last poll failed: {error}"
        : "ok";

    private static string Describe(RuleStatus r, IReadOnlyList<PollRun> runs, SiteTime times)
    {
        var lines = new List<string>
        {
            $"Rule {r.Id} ({r.Company}): {r.Description}",
            $"  reads     {r.Table} over {r.Transport}, every {r.Cadence}; fires on {r.Transitions}",
            $"  last poll {times.Format(r.LastPollAt, "never")}" +
                (r.LastRowsRead is { } rows ? $" ({rows} rows, {r.LastEvents} alerts)" : ""),
            $"  state     {State(r, times)}",
        };
        lines.AddRange(runs.Select(run => $"  run       {times.Format(run.StartedAt)} {run.InstanceId}: " +
            $"{run.RowsRead} rows, {run.Events} alerts{(run.Error is null ? "" : ", failed: " + run.Error)}"));
        return string.Join(Environment.NewLine, lines);
    }
}
