using System.CommandLine;
using MlConnector.Cli;

// ml-connector: one executable for the service and its command line. Each verb lives in Cli/; the service itself is
// assembled in Hosting/ConnectorHost.cs.
var root = new RootCommand("ml-connector watches SYSPRO and texts people through Twilio when business events happen.")
{
    RunCommand.Create(),
    DemoCommand.Create(),
    DbCommand.Create(),
    ReplayCommand.Create(),
    PingCommand.Create(),
    InitCommand.Create(),
    new Command("simulate", "Run a simulator alone, for trying the connector or a client without real systems.")
    {
        SimulateTwilioCommand.Create(),
        SimulateSysproCommand.Create(),
    },

    // The operator's verbs (dashboard and API equivalents for the terminal).
    AlertsCommand.Create(),
    AuditCommand.Create(),
    ConfigCommand.Create(),
    UsersCommand.Create(),
    ApiKeysCommand.Create(),
    KeysCommand.Create(),
    PreviewCommand.Create(),
};

// No verb means run, so `ml-connector` alone and WebApplicationFactory<Program> (which passes host arguments only)
// both get the service.
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction((result, ct) => RunCommand.RunAsync([.. result.UnmatchedTokens], ct));

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    return await CommandLineErrors.ReportAsync(parsed);
}

if (CommandLineErrors.UnknownVerb(parsed) is { } unknown)
{
    return await CommandLineErrors.ReportAsync(parsed, [unknown]);
}

// The host handles Ctrl+C and SIGTERM itself (graceful shutdown), so the command line library must not.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
