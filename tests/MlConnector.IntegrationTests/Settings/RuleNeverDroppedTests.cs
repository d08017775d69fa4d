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
        using var folder = new SettingsFolder();

        var result = await InProcessCli.RunAsync(folder.ValidateArguments($$"""{ "Rules": { "po-submitted": { {{setting}} } } }"""));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("is valid", result.Output, StringComparison.Ordinal);
    }
}
