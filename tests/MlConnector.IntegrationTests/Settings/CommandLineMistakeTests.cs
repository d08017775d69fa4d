using System.Text.RegularExpressions;
using MlConnector.Cli;
using MlConnector.IntegrationTests.Infrastructure;

namespace MlConnector.IntegrationTests.Settings;

/// <summary>Every command-line mistake gets its exit code (64 for usage, 2 for settings) and a line that says what was
/// given and what is expected, with a suggestion for a slip; host settings work after any verb.</summary>
public sealed partial class CommandLineMistakeTests
{
    [Theory]
    [InlineData("config validat", "'validat' is not a command of 'ml-connector config'; did you mean 'validate'?")]
    [InlineData("confg validate", "'confg' is not a command of 'ml-connector'; did you mean 'config'?")]
    [InlineData("preview --limt 5", "'--limt' is not an option of 'ml-connector preview'; did you mean '--limit'?")]
    [InlineData("alerts list --pagesize 5", "'--pagesize' is not an option of 'ml-connector alerts list'; did you mean '--page-size'?")]
    [InlineData("init --yse", "'--yse' is not an option of 'ml-connector init'; did you mean '--yes'?")]
    [InlineData("replay abc", "id: 'abc' is not a whole number")]
    [InlineData("alerts list --from yesterday", "--from: 'yesterday' is not a date or a date and time")]
    [InlineData("simulate twilio --port many", "--port: 'many' is not a whole number")]
    [InlineData("run --Storage:DataFolder", "--Storage:DataFolder: has no value; write --Storage:DataFolder=VALUE")]
    public async Task Mistake_Exits64WithWhatIsExpected(string commandLine, string line)
    {
        var result = await InProcessCli.RunAsync(commandLine.Split(' '));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"ml-connector: {line}", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-rule", "--rule: 'no-such-rule' is not an enabled rule of these settings (the rules: ")]
    [InlineData("po-submited", "--rule: 'po-submited' is not an enabled rule of these settings; did you mean 'po-submitted'?")]
    public async Task Preview_RuleThatIsNotConfigured_Exits64(string rule, string line)
    {
        using var folder = new SettingsFolder();
        string[] args = [.. folder.ValidateArguments()];

        var result = await InProcessCli.RunAsync(["preview", "--rule", rule, .. args[2..]]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"ml-connector: {line}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_HostSettingAfterTheRule_ReachesTheHostNotTheRuleList()
    {
        using var folder = new SettingsFolder();
        string[] args = [.. folder.ValidateArguments()];

        var result = await InProcessCli.RunAsync(["preview", "--rule", "po-submitted", "--Polling:StartJitter=abc", .. args[2..]]);

        Assert.Equal(ExitCodes.Configuration, result.ExitCode);
        Assert.Contains("ml-connector: Polling:StartJitter: 'abc' is not a duration", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_HostSettingAfterTheId_OpensThatDatabaseAndSaysWhich()
    {
        using var folder = new SettingsFolder();

        var result = await InProcessCli.RunAsync("replay", "30", $"--Storage:DataFolder={folder.DataFolder}", $"--Security:KeyFile={folder.KeyFile}");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("there is no alert 30", result.Error, StringComparison.Ordinal);
        Assert.Contains($"ml-connector: database: SQLite file {Path.Combine(folder.DataFolder, "ml-connector.db")}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twilio", "Twilio simulator listening on ")]
    [InlineData("syspro", "SYSPRO simulator listening on ")]
    public async Task Simulate_Urls_IsWhereTheSimulatorListens(string simulator, string banner)
    {
        using var output = new SynchronizedWriter();
        using var error = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = CommandLine.InvokeAsync(["simulate", simulator, "--urls", "http://127.0.0.1:0", "--port", "5999"], output, error, stop.Token);

        string? address = null;
        for (var i = 0; i < 300 && address is null && !run.IsCompleted; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            address = Listening().Match(output.Text) is { Success: true } m && output.Text.Contains(banner, StringComparison.Ordinal) ? m.Groups[1].Value : null;
        }

        await stop.CancelAsync();
        var exit = await run;

        Assert.True(address is not null, output.Text + error);
        var port = new Uri(address).Port;
        Assert.NotEqual(5999, port);
        Assert.NotEqual(simulator == "twilio" ? 5081 : 5082, port);
        Assert.Equal(ExitCodes.Ok, exit);
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/?)")]
    private static partial Regex Listening();

    /// <summary>A writer a test may read while the command writes to it from another thread.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock _lock = new();

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_lock)
            {
                base.WriteLine(value);
            }
        }
    }
}
