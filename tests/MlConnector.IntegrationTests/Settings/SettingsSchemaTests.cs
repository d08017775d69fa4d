using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MlConnector.Cli;
using MlConnector.Settings;

namespace MlConnector.IntegrationTests.Settings;

/// <summary>The JSON Schema of the settings file: written by the build from the options types, committed as
/// samples/settings.schema.json (kept in step here), and a faithful judge of the sample and of common mistakes.</summary>
public sealed class SettingsSchemaTests
{
    private const string Regenerate = "the options changed: run `dotnet run --project src/MlConnector -- config schema --output \"$PWD/samples/settings.schema.json\"`";

    private static string CommittedPath => Path.Combine(RepositoryPaths.Root, "samples", "settings.schema.json");

    private static string SamplePath => Path.Combine(RepositoryPaths.Root, "samples", "settings.example.json");

    [Fact]
    public void CommittedSchema_IsWhatTheOptionsTypesSay() =>
        Assert.True(File.ReadAllText(CommittedPath).ReplaceLineEndings("\n") == ConfigCommand.SchemaText(), Regenerate);

    [Fact]
    public void Build_WritesTheSchemaBesideTheExecutable()
    {
        // This test runs from artifacts/bin/MlConnector.IntegrationTests/{configuration}/; the executable's build is beside it.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var built = Path.Combine(RepositoryPaths.Root, "artifacts", "bin", "MlConnector", configuration, SettingsSchema.FileName);

        Assert.True(File.Exists(built), $"the build did not write {built}");
        Assert.True(File.ReadAllText(built).ReplaceLineEndings("\n") == File.ReadAllText(CommittedPath).ReplaceLineEndings("\n"), Regenerate);
    }

    [Fact]
    public void Sample_IsValidAgainstTheSchema_AndNamesIt()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(SamplePath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });

        var result = Schema().Evaluate(sample.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, Problems(result));
        Assert.Equal("./settings.schema.json", sample.RootElement.GetProperty("$schema").GetString());
    }

    [Theory]
    [InlineData("""{ "Twillio": { } }""")]
    [InlineData("""{ "Rules": { "po-submitted": { "Cadence": "15m" } } }""")]
    [InlineData("""{ "Rules": { "po-submitted": { "Cadance": "00:15:00" } } }""")]
    [InlineData("""{ "Rules": { "po-submitted": "on" } }""")]
    [InlineData("""{ "Rules": { "po-submitted": { "Recipients": { "Groups": "approvers" } } } }""")]
    [InlineData("""{ "Rules": { "x": { "Preset": "po-submited" } } }""")]
    [InlineData("""{ "Storage": { "Provider": "Oracle" } }""")]
    [InlineData("""{ "Twilio": { "MessagesPerSecond": 0 } }""")]
    [InlineData("""{ "Syspro": { "OData": { "BaseUrl": "erp/odata" } } }""")]
    public void Schema_RefusesWhatTheConnectorRefuses(string settings)
    {
        using var document = JsonDocument.Parse(settings);

        var result = Schema().Evaluate(document.RootElement);

        Assert.False(result.IsValid, settings);
    }

    [Fact]
    public void Schema_DescribesSettingsWithTheirDefaultsAndKeepsSecretsOut()
    {
        var schema = JsonNode.Parse(File.ReadAllText(CommittedPath))!;
        var timeout = schema["properties"]!["Storage"]!["properties"]!["CommandTimeout"]!;
        var token = schema["properties"]!["Twilio"]!["properties"]!["AuthToken"]!;

        Assert.Contains("busy or locked database", timeout["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("The default is 00:00:30.", timeout["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("00:00:30", timeout["default"]!.GetValue<string>());
        Assert.Contains("MLC_Twilio__AuthToken", token["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string Problems(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    private static JsonSchema Schema() => JsonSchema.FromText(File.ReadAllText(CommittedPath));
}
