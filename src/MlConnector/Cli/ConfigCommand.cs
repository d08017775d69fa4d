using System.CommandLine;

namespace MlConnector.Cli;

/// <summary><c>ml-connector config validate</c>: every start-up check, without starting.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var validate = new Command("validate",
            "Check settings, the master key, the database, the rules, templates and recipients exactly as start-up does, and, " +
            "where SYSPRO answers, each rule's table and columns. Exit 0 when valid, 2 naming every problem otherwise.").Admin();
        validate.SetAction((result, ct) => AdminHost.RunAsync(result, true, services =>
            RuleSchemaReport.ValidateAsync(services, Hosting.StartupChecks.Run(services), ct), ct));
        return new Command("config", "Configuration.") { validate };
    }
}
