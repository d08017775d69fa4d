using System.CommandLine;
using MlConnector.Alerts;
using MlConnector.Hosting;
using MlConnector.Outbox;
using MlConnector.Site;
using MlConnector.Storage;

namespace MlConnector.Cli;

/// <summary>
/// <c>ml-connector replay ID [--reason TEXT]</c> and <c>ml-connector replay --failed --since DATE [--yes]</c>: send
/// alerts again (a new attempt chain on the same alert, audited with who and why). The running service picks them up.
/// </summary>
internal static class ReplayCommand
{
    private static readonly Argument<long?> Id = new("id")
    {
        Description = "The alert to replay.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> Reason = new("--reason") { Description = "Why, for the audit trail." };

    private static readonly Option<bool> Failed = new("--failed") { Description = "Replay every failed alert (with --since)." };

    private static readonly Option<string?> Since = new("--since")
    {
        Description = "With --failed: alerts that failed at or after this date/time (ISO 8601; in the site's time zone, Site:TimeZone, unless an offset is given).",
    };

    private static readonly Option<bool> Yes = new("--yes") { Description = "With --failed: do not ask for confirmation." };

    public static Command Create()
    {
        var command = new Command("replay", "Send an alert again by id, or every alert that failed since a date.")
        {
            Id, Reason, Failed, Since, Yes, RunCommand.Config,
        };
        command.SetAction((result, ct) => StartupErrors.GuardAsync(() => RunAsync(result, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken ct)
    {
        var id = result.GetValue(Id);
        var failed = result.GetValue(Failed);
        if (id is null == !failed)
        {
            return await CommandLineErrors.ReportAsync(result, "replay: give either an alert id or --failed --since DATE");
        }

        if (failed && SiteTime.Utc.Parse(result.GetValue(Since)) is null)
        {
            return await CommandLineErrors.ReportAsync(result, result.GetValue(Since) is { } given
                ? $"--since: '{given}' is not a date; write 2026-03-01 or 2026-03-01T08:00:00Z"
                : "--failed needs --since DATE, e.g. --since 2026-03-01 or 2026-03-01T08:00:00Z");
        }

        await using var app = ConnectorHost.Build(AdminHost.Arguments(result));
        StartupChecks.Run(app.Services, needsKey: false);
        await CliConsole.Error.WriteLineAsync($"ml-connector: database: {app.Services.GetRequiredService<IDbDialect>().Describe()}");
        var replay = app.Services.GetRequiredService<ReplayService>();
        var times = app.Services.GetRequiredService<SiteTime>();
        var actor = $"cli:{Environment.UserName}";
        var reason = result.GetValue(Reason);
        return id is { } alertId
            ? await ReplayOneAsync(replay, alertId, actor, reason, ct)
            : await ReplayFailedAsync(replay, times.Parse(result.GetValue(Since))!.Value, times, result.GetValue(Yes), actor, reason, ct);
    }

    private static async Task<int> ReplayOneAsync(ReplayService replay, long id, string actor, string? reason, CancellationToken ct)
    {
        switch (await replay.ReplayAsync(id, actor, reason, ct))
        {
            case ReplayOutcome.Replayed:
                CliConsole.Out.WriteLine($"Alert {id} queued again; the service sends it at its next poll.");
                return ExitCodes.Ok;
            case ReplayOutcome.StillPending:
                await CliConsole.Error.WriteLineAsync($"ml-connector replay: alert {id} is still pending; nothing to replay.");
                return ExitCodes.Failed;
            case ReplayOutcome.Held:
                await CliConsole.Error.WriteLineAsync($"ml-connector replay: alert {id} waits in its rule's hold; " +
                    "use 'ml-connector rules release|discard RULE --reason TEXT'.");
                return ExitCodes.Failed;
            default:
                await CliConsole.Error.WriteLineAsync($"ml-connector replay: there is no alert {id}.");
                return ExitCodes.Failed;
        }
    }

    private static async Task<int> ReplayFailedAsync(ReplayService replay, DateTimeOffset since, SiteTime times, bool yes, string actor,
        string? reason, CancellationToken ct)
    {
        var count = await replay.CountFailedSinceAsync(since, ct);
        var when = times.Format(since);
        CliConsole.Out.WriteLine($"{count} failed alert(s) since {when}.");
        if (count == 0)
        {
            return ExitCodes.Ok;
        }

        if (!yes)
        {
            CliConsole.Out.Write("Replay them all? [y/N] ");
            var answer = await Console.In.ReadLineAsync(ct); // null at end of input (no stdin): refuse
            if (answer is null)
            {
                await CliConsole.Error.WriteLineAsync("ml-connector replay: no answer on standard input; add --yes to replay without asking.");
                return ExitCodes.Failed;
            }

            if (answer.Trim().ToUpperInvariant() is not ("Y" or "YES"))
            {
                CliConsole.Out.WriteLine("Nothing replayed.");
                return ExitCodes.Ok;
            }
        }

        var replayed = await replay.ReplayFailedSinceAsync(since, actor, reason, ct);
        CliConsole.Out.WriteLine($"{replayed} alert(s) queued again; the service sends them at its next poll.");
        return ExitCodes.Ok;
    }
}
