using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlConnector.Hosting;
using MlConnector.Settings;

namespace MlConnector.Cli;

/// <summary><c>ml-connector config validate | schema</c>: every start-up check without starting, and the JSON Schema
/// of the settings file.</summary>
internal static class ConfigCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var validate = new Command("validate",
            "Check settings, the master key, the database, the rules, templates and recipients exactly as start-up does. " +
            "Exit 0 when valid, 2 naming every problem otherwise.").Admin();
        validate.SetAction((result, ct) => AdminHost.RunAsync(result, true, services =>
        {
            var rules = services.GetRequiredService<Rules.RuleSet>();
            CliConsole.Out.WriteLine($"Configuration is valid: {rules.Rules.Count} rule(s) ({string.Join(", ", rules.Rules.Select(r => r.Id))}).");
            return Task.FromResult(ExitCodes.Ok);
        }, ct));

        var output = new Option<FileInfo?>("--output") { Description = "Write the schema to this file instead of standard output." };
        var schema = new Command("schema",
            "Print the JSON Schema of the settings file (the build ships it as ml-connector.settings.schema.json beside the executable): " +
            "reference it with \"$schema\" and an editor completes and checks the file as it is typed.") { output };
        schema.SetAction(async (result, ct) =>
        {
            var text = SchemaText();
            if (result.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, ct);
            }
            else
            {
                await CliConsole.Out.WriteAsync(text);
            }

            return ExitCodes.Ok;
        });
        return new Command("config", "Configuration.") { validate, schema };
    }

    /// <summary>The schema of the sections every feature registered, with LF line ends on every system.</summary>
    public static string SchemaText()
    {
        // The host is built (not started, nothing validated) only to read which sections the features register.
        using var app = ConnectorHost.Build([]);
        var sections = new SettingsSections();
        foreach (var configure in app.Services.GetServices<IConfigureOptions<SettingsSections>>())
        {
            configure.Configure(sections);
        }

        var schema = SettingsSchema.For(sections.All, XmlDocs.For(typeof(ConfigCommand).Assembly));
        return schema.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }
}
