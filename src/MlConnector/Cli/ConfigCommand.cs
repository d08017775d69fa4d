using System.CommandLine;

namespace MlConnector.Cli;

/// <summary><c>ml-connector config validate</c>: every start-up check, without starting.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var validate = new Command("validate",
            "Check settings, the master key, the database, the rules, templates and recipients exactly as start-up does. " +
            "Exit 0 when valid, 2 naming every problem otherwise.").Admin();
        validate.SetAction((result, ct) => AdminHost.RunAsync(result, true, services =>
        {
            var rules = Hosting.StartupChecks.Run(services);
            Console.WriteLine($"Configuration is valid: {rules.Rules.Count} rule(s) ({string.Join(", ", rules.Rules.Select(r => r.Id))}).");
            return Task.FromResult(ExitCodes.Ok);
        }, ct));
        return new Command("config", "Configuration.") { validate };
    }
}
