using System.CommandLine;
using Microsoft.Extensions.Options;
using MlConnector.Detection;
using MlConnector.Rules;
using MlConnector.Settings;
using MlConnector.Syspro;

namespace MlConnector.Cli;

/// <summary><c>ml-connector preview</c>: run the rules once against the configured SYSPRO and print the texts that
/// would go to whom. Nothing is stored and nothing is sent.</summary>
internal static class PreviewCommand
{
    public static Command Create()
    {
        var lookBack = new Option<TimeSpan>("--look-back")
        {
            Description = "How far back records count as new (d.hh:mm:ss). Rules without a date column find nothing to preview.",
            DefaultValueFactory = _ => TimeSpan.FromDays(1),
        };
        var rule = new Option<string[]>("--rule") { Description = "Only these rules (repeatable); default all.", AllowMultipleArgumentsPerToken = true };
        var limit = new Option<int>("--limit") { Description = "Print at most this many texts per rule.", DefaultValueFactory = _ => 50 };
        var force = new Option<bool>("--force")
        {
            Description = "Log on to e.net with the service's own operator when Syspro:Enet:ProbeOperator is not set " +
                "(that ends the running service's session).",
        };
        var command = new Command("preview", "Run the rules once against SYSPRO with a look-back window and print the texts " +
            "that would be sent, to whom; sends nothing and stores nothing. Exit 1 when a rule cannot read SYSPRO.")
        {
            lookBack, rule, limit, force,
        }.Admin();
        command.SetAction((result, ct) => AdminHost.RunAsync(result, true, async services =>
        {
            var enet = services.GetRequiredService<IOptions<SysproOptions>>().Value.Enet;
            var rules = services.GetRequiredService<RuleSet>();
            if (Unknown(rules, result.GetValue(rule)) is { Count: > 0 } unknown)
            {
                return await CommandLineErrors.ReportAsync(result, unknown);
            }

            var selected = Select(rules, result.GetValue(rule));
            if (selected.Any(r => r.Transport == SysproTransport.Enet))
            {
                if (!string.IsNullOrWhiteSpace(enet.ProbeOperator))
                {
                    // Run again as the probe operator, so the service's own e.net session is left alone.
                    return await AdminHost.RunAsync(result, true, s => PreviewAsync(s, result, selected, lookBack, limit, ct), ct,
                        $"--Syspro:Enet:Operator={enet.ProbeOperator}", $"--Syspro:Enet:OperatorPassword={enet.ProbeOperatorPassword}");
                }

                if (!result.GetValue(force))
                {
                    await CliConsole.Error.WriteLineAsync("preview: Syspro:Enet:ProbeOperator is not set, so preview would log on as " +
                        "the service's operator and end the running service's e.net session. Set ProbeOperator, or pass --force.");
                    return ExitCodes.Configuration;
                }
            }

            return await PreviewAsync(services, result, selected, lookBack, limit, ct);
        }, ct));
        return command;
    }

    /// <summary>A --rule that names no enabled rule is a usage mistake (exit 64), not "0 rule(s)".</summary>
    private static List<string> Unknown(RuleSet rules, string[]? ids)
    {
        var known = rules.Rules.Select(r => r.Id).ToList();
        return (ids ?? []).Where(id => rules.Find(id) is null)
            .Select(id => $"--rule: '{id}' is not an enabled rule of these settings" + (Suggestions.Closest(id, known) is { } match
                ? $"; did you mean '{match}'?"
                : $" (the rules: {(known.Count == 0 ? "none" : string.Join(", ", known))})"))
            .ToList();
    }

    private static List<RuleDefinition> Select(RuleSet rules, string[]? ids) =>
        ids is { Length: > 0 } ? rules.Rules.Where(r => ids.Contains(r.Id, StringComparer.OrdinalIgnoreCase)).ToList() : [.. rules.Rules];

    private static async Task<int> PreviewAsync(IServiceProvider services, ParseResult result, List<RuleDefinition> rules,
        Option<TimeSpan> lookBack, Option<int> limit, CancellationToken ct)
    {
        var poller = services.GetRequiredService<RulePoller>();
        var failed = false;
        CliConsole.Out.WriteLine($"Preview: {rules.Count} rule(s), look-back {result.GetValue(lookBack)}; nothing will be sent.");
        foreach (var rule in rules)
        {
            try
            {
                var preview = await poller.PreviewAsync(rule, result.GetValue(lookBack), result.GetValue(limit), ct);
                CliConsole.Out.WriteLine($"{rule.Id}: {preview.Events} event(s), {preview.Texts.Count} text(s) shown" +
                    (preview.Unrouted.Count > 0 ? $", {preview.Unrouted.Count} would text nobody" : ""));
                foreach (var text in preview.Texts)
                {
                    CliConsole.Out.WriteLine($"  to {text.RecipientId} {text.Phone} about {text.SourceKey} ({text.Transition}):");
                    CliConsole.Out.WriteLine($"    {(text.RenderError is null ? text.Body.Replace("\n", "\n    ", StringComparison.Ordinal) : "[render failed] " + text.RenderError)}");
                }

                foreach (var nobody in preview.Unrouted)
                {
                    CliConsole.Out.WriteLine($"  would text nobody about {nobody.RecordKey} ({nobody.Transition}): {nobody.Reason}");
                }
            }
            catch (Exception e) when (e is SysproException or HttpRequestException or TaskCanceledException)
            {
                failed = true;
                CliConsole.Out.WriteLine($"{rule.Id}: cannot read SYSPRO: {e.Message}");
            }
        }

        var session = services.GetRequiredService<EnetSession>();
        if (session.IsLoggedOn)
        {
            await session.LogoffAsync(ct);
        }

        return failed ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
