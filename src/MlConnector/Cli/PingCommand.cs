using System.CommandLine;
using Microsoft.Extensions.Options;
using MlConnector.Detection;
using MlConnector.Hosting;
using MlConnector.Probes;
using MlConnector.Rules;
using MlConnector.Sms;
using MlConnector.Syspro;

namespace MlConnector.Cli;

/// <summary><c>ml-connector ping</c>: tests the configured SYSPRO and Twilio credentials, each on its own, and says
/// why a check failed. Sends no text and changes nothing.</summary>
internal static class PingCommand
{
    private static readonly Option<bool> Force = new("--force")
    {
        Description = "Check e.net with the service's own operator when Syspro:Enet:ProbeOperator is not set " +
            "(its Logon ends the running service's e.net session).",
    };

    public static Command Create()
    {
        var command = new Command("ping",
            "Test the configured SYSPRO (OData read, e.net Logon and Logoff) and Twilio (account fetch) credentials, then read " +
            "one row of each enabled rule's table (PASS or FAIL per rule, naming a missing table or column); with the real " +
            "Twilio API, warn when Twilio:PublicBaseUrl does not resolve to a public address. " +
            "Exit code 0 only when every configured check passes (a warning passes).")
        {
            RunCommand.Config,
            Force,
        };
        command.SetAction((result, ct) => StartupErrors.GuardAsync(async () =>
        {
            // The checks' own lines are the output; the service's log chatter is not.
            await using var app = ConnectorHost.Build([.. AdminHost.Arguments(result), "--Logging:LogLevel:Default=Warning"]);
            StartupChecks.Run(app.Services, needsKey: false, database: false);
            var syspro = app.Services.GetRequiredService<SysproProbe>();
            var checks = new List<ProbeResult?>();
            foreach (var company in app.Services.GetRequiredService<SysproCompanies>().All)
            {
                checks.Add(await syspro.ODataAsync(company, ct));
                checks.Add(await syspro.EnetAsync(company, result.GetValue(Force), ct));
            }

            checks.Add(await app.Services.GetRequiredService<TwilioAccountProbe>().CheckAsync());
            checks.Add(await app.Services.GetRequiredService<WebhookReachabilityProbe>().CheckAsync(ct));
            var results = checks.OfType<ProbeResult>().ToList();

            if (results.Count == 0)
            {
                await CliConsole.Error.WriteLineAsync(
                    "ml-connector: nothing to check: set Syspro:OData:BaseUrl, Syspro:Enet:BaseUrl or Twilio:AccountSid.");
                return ExitCodes.Configuration;
            }

            foreach (var r in results)
            {
                CliConsole.Out.WriteLine($"{r.Target,-13} {r.Verdict}  {r.Message}");
            }

            var rulesPassed = await PingRulesAsync(app.Services, result.GetValue(Force), ct);
            return results.All(r => r.Passed) && rulesPassed ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    // Every enabled rule, read one row: PASS (with a warning per optional column it runs without) or FAIL naming the
    // missing table or column, or why it could not be checked.
    private static async Task<bool> PingRulesAsync(IServiceProvider services, bool force, CancellationToken ct)
    {
        RuleSet rules;
        try
        {
            rules = services.GetRequiredService<RuleSet>();
        }
        catch (OptionsValidationException e)
        {
            CliConsole.Out.WriteLine($"{"Rules",-13} FAIL  not checked: the rules are not valid ({e.Failures.First()}); see 'ml-connector config validate'.");
            return false;
        }

        var passed = true;
        foreach (var (rule, status) in await RuleSchemaReport.CheckAsync(services, rules.Rules, force, readOneRow: true, ct))
        {
            var target = $"rule {rule.Id}";
            var line = status.State switch
            {
                RuleSchemaState.Ok => $"{target,-13} PASS  {rule.Table} over {rule.Transport}: one row read, every required column is there" +
                    (status.Dropped.Count > 0 ? $"; optional column(s) dropped: {string.Join(", ", status.Dropped)}" : ""),
                RuleSchemaState.Error => $"{target,-13} FAIL  {status.Error}",
                _ => $"{target,-13} FAIL  {rule.Table} over {rule.Transport}: " +
                    (status.NotChecked?.StartsWith("not checked", StringComparison.Ordinal) == true ? status.NotChecked : $"not checked: {status.NotChecked}"),
            };
            CliConsole.Out.WriteLine(line);
            foreach (var warning in RuleSchemaReport.Warnings(rule, status))
            {
                CliConsole.Out.WriteLine($"  {warning}");
            }

            passed &= status.State == RuleSchemaState.Ok;
        }

        return passed;
    }
}
