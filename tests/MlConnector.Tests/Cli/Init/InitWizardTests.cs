using Microsoft.Extensions.Configuration;
using MlConnector.Cli;
using MlConnector.Cli.Init;

namespace MlConnector.Tests.Cli.Init;

/// <summary>init without a terminal: answers from options or a scripted reader, checks from a script, files in a
/// temporary folder.</summary>
public sealed class InitWizardTests : IDisposable
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private readonly TempFolder _folder = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _folder.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private InitArguments Options(bool yes = true, bool? inbound = null, string password = FakeSetupChecks.SysproPassword) => new()
    {
        Yes = yes,
        Output = _folder.Combine("settings.json"),
        SetInboundUrl = inbound,
        People = ["jane:Jane Doe:(555) 010-0001:approvers", "ap:AP desk:+44 20 7946 0000:accounts-payable"],
        Presets = ["po-submitted=approvers", "invoice-posted=ap,jane"],
        Given = new SetupAnswers
        {
            ODataUrl = "https://erp.example.com/SYSPRO8Odata/SYSPROOData/", ODataUser = "MLCODATA", ODataPassword = password,
            TwilioAccountSid = AccountSid, TwilioAuthToken = FakeSetupChecks.TwilioToken, TwilioFrom = "+1 500 555 0006",
            PublicBaseUrl = "https://alerts.example.com",
        },
    };

    private Task<int> RunAsync(InitArguments args, FakeSetupChecks checks, string input = "") =>
        InitCommand.RunAsync(args, new StringReader(input), _output, _error, terminal: false, checks, TestContext.Current.CancellationToken,
            new Dictionary<string, string?>());

    private IConfigurationRoot Load() => new ConfigurationBuilder().AddJsonFile(_folder.Combine("settings.json")).Build();

    [Fact]
    public async Task Yes_EveryAnswerGiven_WritesSettingsTheLoaderReadsAndSecretsOnlyInTheEnvironmentFile()
    {
        var checks = new FakeSetupChecks();

        var exit = await RunAsync(Options(), checks);

        Assert.True(exit == 0, _output + "\n" + _error);
        var settings = Load();
        Assert.Equal("https://erp.example.com/SYSPRO8Odata/SYSPROOData/", settings["Syspro:OData:BaseUrl"]);
        Assert.Equal("+15550100001", settings["Directory:People:jane:Phone"]);
        Assert.Equal("+442079460000", settings["Directory:People:ap:Phone"]);
        Assert.Equal("+15005550006", settings["Twilio:From"]);
        Assert.Equal("approvers", settings["Rules:po-submitted:Recipients:Groups:0"]);
        Assert.Equal(["ap", "jane"], settings.GetSection("Rules:invoice-posted:Recipients:People").GetChildren().Select(c => c.Value));
        Assert.Equal(_folder.Combine("data"), settings["Storage:DataFolder"]);
        var text = await File.ReadAllTextAsync(_folder.Combine("settings.json"), TestContext.Current.CancellationToken);
        Assert.StartsWith("// ml-connector settings", text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSetupChecks.TwilioToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSetupChecks.SysproPassword, text, StringComparison.Ordinal);
        var environment = EnvironmentDocument.Parse(await File.ReadAllTextAsync(_folder.Combine("ml-connector.env"), TestContext.Current.CancellationToken));
        Assert.Equal((FakeSetupChecks.SysproPassword, FakeSetupChecks.TwilioToken),
            (environment["MLC_Syspro__OData__Password"], environment["MLC_Twilio__AuthToken"]));
        Assert.Equal(44, environment["MLC_MASTER_KEY"].Length);
        Assert.Equal([$"syspro MLCODATA/{FakeSetupChecks.SysproPassword}", "presets", $"twilio {AccountSid}"], checks.Calls);
    }

    [Fact]
    public async Task Yes_KeyFile_CreatesItPrivateAndKeepsTheKeyOutOfTheEnvironmentFile()
    {
        var args = Options();
        args.Given.KeyFile = _folder.Combine("keys", "master.key");

        var exit = await RunAsync(args, new FakeSetupChecks());

        Assert.True(exit == 0, _output + "\n" + _error);
        Assert.Equal(args.Given.KeyFile, Load()["Security:KeyFile"]);
        Assert.Equal(44, (await File.ReadAllTextAsync(args.Given.KeyFile, TestContext.Current.CancellationToken)).Trim().Length);
        Assert.DoesNotContain("MLC_MASTER_KEY", await File.ReadAllTextAsync(_folder.Combine("ml-connector.env"),
            TestContext.Current.CancellationToken), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(args.Given.KeyFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.Combine("ml-connector.env")));
        }
    }

    [Fact]
    public async Task Yes_WithoutConsent_LeavesTheInboundUrlAloneAndWithConsentSetsItUnderThePublicPath()
    {
        var without = new FakeSetupChecks();
        var with = new FakeSetupChecks();
        var args = Options(inbound: true);
        args.Given.PublicBaseUrl = "https://alerts.example.com/mlc";

        await RunAsync(Options(), without);
        await RunAsync(new InitArguments
        {
            Yes = true, Force = true, Output = args.Output, SetInboundUrl = true, People = args.People, Presets = args.Presets,
            Given = args.Given,
        }, with);

        Assert.DoesNotContain(without.Calls, c => c.StartsWith("inbound", StringComparison.Ordinal));
        Assert.Contains("Not changed.", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal("inbound https://alerts.example.com/mlc/webhooks/twilio/inbound", with.Calls[^1]);
    }

    [Fact]
    public async Task Yes_SysproRefuses_Exit1AndNothingWritten()
    {
        var exit = await RunAsync(Options(password: "wrong"), new FakeSetupChecks());

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("SYSPRO refused the answers (SYSPRO OData refused the credentials (HTTP 401))", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("settings.json")));
        Assert.False(File.Exists(_folder.Combine("ml-connector.env")));
    }

    [Theory]
    [InlineData("--person", "jane:Jane Doe:call me:approvers", "--person: 'jane:Jane Doe:call me:approvers': the phone is not a phone number")]
    [InlineData("--preset", "po-submited=approvers", "--preset: 'po-submited' names 'po-submited', which is not a preset (did you mean po-submitted?)")]
    [InlineData("--preset", "invoice-posted-gl=approvers", "which this SYSPRO does not let the connector read: no entity set 'GenTransaction'")]
    [InlineData("--preset", "po-submitted=nobody", "--preset po-submitted=WHO: 'nobody' names 'nobody', who is neither a person nor a group")]
    public async Task Yes_BadOption_Exit64NamingTheOption(string option, string value, string expected)
    {
        var good = Options();
        var args = new InitArguments
        {
            Yes = true, Output = good.Output, Given = good.Given,
            People = option == "--person" ? [value] : good.People,
            Presets = option == "--preset" ? [value] : good.Presets,
        };

        var exit = await RunAsync(args, new FakeSetupChecks());

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yes_MissingAnswer_Exit64NamingItsOption()
    {
        var args = Options();
        args.Given.TwilioAccountSid = null;

        var exit = await RunAsync(args, new FakeSetupChecks());

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("ml-connector: init: --twilio-account-sid is required with --yes.", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_InputEndsEarly_Exit1SayingWhichQuestion()
    {
        var exit = await RunAsync(new InitArguments { Output = _folder.Combine("settings.json") }, new FakeSetupChecks(), "odata\n");

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("input ended before 'OData service URL", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yes_ExistingFileWithoutForce_IsNotReplaced()
    {
        await File.WriteAllTextAsync(_folder.Combine("settings.json"), "{}", TestContext.Current.CancellationToken);

        var exit = await RunAsync(Options(), new FakeSetupChecks());

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("already exists: pass --force", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal("{}", await File.ReadAllTextAsync(_folder.Combine("settings.json"), TestContext.Current.CancellationToken));
    }
}
