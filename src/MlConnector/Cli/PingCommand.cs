using System.CommandLine;
using MlConnector.Hosting;
using MlConnector.Probes;
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
            "Test the configured SYSPRO (OData read, e.net Logon and Logoff) and Twilio (account fetch) credentials; with the " +
            "real Twilio API, warn when Twilio:PublicBaseUrl does not resolve to a public address. " +
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

            return results.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }
}
