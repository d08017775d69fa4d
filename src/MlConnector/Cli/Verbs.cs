using System.CommandLine;

namespace MlConnector.Cli;

/// <summary>The verbs of ml-connector, one file each (design.md, Decisions: executable and verbs).</summary>
internal static class Verbs
{
    public static RootCommand Root()
    {
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

        // No verb means run, so `ml-connector` alone and WebApplicationFactory<Program> (which passes host settings
        // only) both get the service.
        root.Options.Add(RunCommand.Urls);
        root.Options.Add(RunCommand.Config);
        root.SetAction((result, ct) => RunCommand.RunAsync(RunCommand.HostArguments(result), ct));

        // Unknown words and options are reported by CommandLineErrors, with a suggestion, rather than by the parser.
        foreach (var command in Commands(root))
        {
            command.TreatUnmatchedTokensAsErrors = false;
        }

        return root;
    }

    private static IEnumerable<Command> Commands(Command command) => [command, .. command.Subcommands.SelectMany(Commands)];
}
