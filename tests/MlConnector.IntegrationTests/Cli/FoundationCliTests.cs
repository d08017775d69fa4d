using MlConnector.IntegrationTests.Infrastructure;

namespace MlConnector.IntegrationTests.Cli;

public sealed class FoundationCliTests
{
    [Fact]
    public async Task DbMigrate_FreshFolder_CreatesTheDatabaseAndSaysSo()
    {
        using var folder = new TempFolder();

        var first = await CliRunner.RunAsync(folder.Path, null, "db", "migrate");
        var second = await CliRunner.RunAsync(folder.Path, null, "db", "migrate");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("001_initial.sql", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.Combine("data", "ml-connector.db")));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutKey_ExitsWithCode2AndSaysWhy()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, null, "run", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot start: No master key", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadSetting_ExitsWithCode2NamingTheSetting()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string?> { ["MLC_Storage__CommandTimeout"] = "01:00:00" };

        var result = await CliRunner.RunAsync(folder.Path, environment, "run", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Storage:CommandTimeout", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadRules_ListsEachProblemOnItsOwnLineWithoutAStackTrace()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string?>
        {
            ["MLC_MASTER_KEY"] = Convert.ToBase64String(new byte[32]),
            ["MLC_Rules__po-submitted__Transitions__0"] = "bogus",
        };

        var result = await CliRunner.RunAsync(folder.Path, environment, "run", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        // One line per problem, in the form the issue "configuration that cannot lie" asks for (was "\n  Rules:...").
        Assert.Contains("ml-connector: Rules:po-submitted:Transitions: 'bogus' is not a transition", result.Error, StringComparison.Ordinal);
        Assert.Contains("ml-connector: Rules:po-submitted:Recipients:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_EveryVerb_ExplainsItself()
    {
        using var folder = new TempFolder();

        var root = await CliRunner.RunAsync(folder.Path, null, "--help");
        var migrate = await CliRunner.RunAsync(folder.Path, null, "db", "migrate", "--help");

        Assert.Equal(0, root.ExitCode);
        foreach (var verb in new[] { "run", "demo", "db" })
        {
            Assert.Contains(verb, root.Output, StringComparison.Ordinal);
        }

        Assert.Contains("migrations", migrate.Output, StringComparison.Ordinal);
    }
}

public sealed class UsageErrorCliTests
{
    [Theory]
    [InlineData("nosuchverb")]
    [InlineData("replay", "--bogus")]
    [InlineData("users", "add")]
    public async Task WrongCommandLine_ExitsWith64AndPointsToHelp(params string[] args)
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, null, args);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("--help' for usage.", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("data")), "a usage error must not start anything");
    }
}

public sealed class SampleSettingsTests
{
    [Fact]
    public async Task SampleSettingsFile_PassesConfigValidate()
    {
        using var folder = new TempFolder();
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "settings.example.json");
        var environment = new Dictionary<string, string?>
        {
            ["MLC_MASTER_KEY"] = Convert.ToBase64String(new byte[32]),
            ["MLC_Twilio__AuthToken"] = "0123456789abcdef0123456789abcdef",
            ["MLC_Syspro__OData__Password"] = "odata-password",
            ["MLC_Syspro__Enet__OperatorPassword"] = "enet-password",
            ["MLC_Syspro__Enet__ProbeOperatorPassword"] = "probe-password",
        };

        var result = await CliRunner.RunAsync(folder.Path, environment, "config", "validate", "--config", sample);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("4 rule(s)", result.Output, StringComparison.Ordinal);
    }
}
