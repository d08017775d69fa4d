using MlConnector.IntegrationTests.Infrastructure;

namespace MlConnector.IntegrationTests.Settings;

/// <summary>A rule with a value that does not parse used to vanish from the rule set while <c>config validate</c> said
/// "valid": a lost alert with nobody told. Every such rule must stop start-up naming the setting.</summary>
public sealed class RuleNeverDroppedTests
{
    [Theory]
    [InlineData("\"Cadence\": \"15 minutes\"", "Rules:po-submitted:Cadence")]
    [InlineData("\"Cadence\": \"15m\"", "Rules:po-submitted:Cadence")]
    [InlineData("\"Enabled\": \"yes\"", "Rules:po-submitted:Enabled")]
    public async Task ConfigValidate_RuleValueThatDoesNotParse_Exits2NamingTheSetting(string setting, string path)
    {
        using var folder = new TempFolder();
        var settings = folder.Combine("settings.json");
        await File.WriteAllTextAsync(settings, $$"""
            {
              "Syspro": { "OData": { "BaseUrl": "http://127.0.0.1:9/odata/", "Username": "u", "Password": "p" } },
              "Directory": { "People": { "jane": { "Phone": "+15550100001", "Groups": [ "approvers" ] } } },
              "Rules": {
                "po-submitted": { {{setting}}, "Recipients": { "Groups": [ "approvers" ] } },
                "po-approved": { "Recipients": { "Groups": [ "approvers" ] } }
              }
            }
            """, TestContext.Current.CancellationToken);
        var environment = new Dictionary<string, string?> { ["MLC_MASTER_KEY"] = Convert.ToBase64String(new byte[32]) };

        var result = await CliRunner.RunAsync(folder.Path, environment, "config", "validate", "--config", settings);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
    }
}
