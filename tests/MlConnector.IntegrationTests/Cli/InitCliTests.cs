using System.Diagnostics;
using MlConnector.Cli.Init;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Cli;

/// <summary>
/// `ml-connector init` end to end against the in-process simulators: the files it writes pass `config validate` and
/// `ping` with nothing but the environment file, and the simulated sender's inbound URL points at the connector.
/// </summary>
public sealed class InitCliTests : IAsyncLifetime
{
    private const string PublicBase = "https://alerts.example.com/mlc/";
    private const string InboundUrl = "https://alerts.example.com/mlc/webhooks/twilio/inbound";
    private readonly TempFolder _folder = new();
    private SysproSimulator _syspro = null!;
    private TwilioSimulator _twilio = null!;

    public async ValueTask InitializeAsync()
    {
        _syspro = await SysproSimulator.StartAsync(new SysproSimulatorOptions { PurchaseOrders = 200 }, TimeProvider.System,
            "http://127.0.0.1:0", TestContext.Current.CancellationToken);
        _twilio = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), TimeProvider.System, "http://127.0.0.1:0",
            null, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _syspro.DisposeAsync();
        await _twilio.DisposeAsync();
        _folder.Dispose();
    }

    private string Settings => Path.Combine(_folder.Path, "site", "settings.json");

    private string EnvFile => Path.Combine(_folder.Path, "site", "ml-connector.env");

    private string[] TwilioOptions(params string[] sender) =>
    [
        "--twilio-account-sid", _twilio.Options.AccountSid, "--public-base-url", PublicBase,
        "--twilio-base-url", _twilio.BaseAddress.AbsoluteUri, .. sender,
    ];

    private static readonly string[] People =
    [
        "--person", "jane:Jane Doe:(555) 010-0001:approvers", "--person", "pat:Pat Procurement:555 010 0002:procurement",
        "--person", "ap:Accounts payable desk:555-010-0003:accounts-payable", "--route", "Buyer:B01=pat",
        "--preset", "po-submitted=approvers", "--preset", "po-approved=route:Buyer,procurement", "--preset", "invoice-posted=ap",
    ];

    [Fact]
    public async Task Init_ODataAndANumberGivenAsOptions_WritesFilesThatPassValidateAndPingAndPointsTheNumber()
    {
        var secrets = new Dictionary<string, string?>
        {
            ["MLC_Syspro__OData__Password"] = _syspro.Options.ODataPassword, // a secret from the environment, as advised
        };

        var init = await CliRunner.RunAsync(_folder.Path, secrets, [
            "init", "--yes", "--output", Settings, "--syspro-odata-url", _syspro.ODataAddress.AbsoluteUri,
            "--syspro-odata-user", _syspro.Options.ODataUser, .. People, .. TwilioOptions("--twilio-from", "(500) 555-0006"),
            "--twilio-auth-token", _twilio.Options.AuthToken, "--set-inbound-url"]);

        Assert.True(init.ExitCode == 0, init.Output + init.Error);
        Assert.Contains("po-submitted", init.Output, StringComparison.Ordinal);
        var settings = await File.ReadAllTextAsync(Settings, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(_twilio.Options.AuthToken, settings, StringComparison.Ordinal);
        Assert.DoesNotContain(_syspro.Options.ODataPassword, settings, StringComparison.Ordinal);
        Assert.Contains($"\"$schema\": \"./{SettingsDocument.SchemaFileName}\"", settings, StringComparison.Ordinal);
        Assert.Contains("\"From\": \"+15005550006\"", settings, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EnvFile));
        }

        Assert.Equal(new Uri(InboundUrl), Assert.Single(_twilio.PhoneNumbers).SmsUrl);
        await AssertValidateAndPingPassAsync(@"3 rule\(s\)",
            @"SYSPRO OData\s+PASS", @"Twilio\s+PASS");
    }

    [Fact]
    public async Task Init_EnetAndAMessagingService_SetsTheServicesInboundUrlAndPassesValidateAndPing()
    {
        var o = _syspro.Options;
        var init = await CliRunner.RunAsync(_folder.Path, null, [
            "init", "--yes", "--output", Settings, "--syspro-transport", "enet", "--syspro-enet-url", _syspro.EnetAddress.AbsoluteUri,
            "--syspro-enet-operator", o.Operator, "--syspro-enet-password", o.OperatorPassword, "--syspro-enet-company", o.CompanyId,
            "--syspro-enet-company-password", o.CompanyPassword, "--syspro-probe-operator", o.Operator,
            "--syspro-probe-password", o.OperatorPassword, .. People,
            .. TwilioOptions("--twilio-messaging-service-sid", _twilio.Options.MessagingServiceSid),
            "--twilio-auth-token", _twilio.Options.AuthToken, "--set-inbound-url"]);

        Assert.True(init.ExitCode == 0, init.Output + init.Error);
        Assert.Contains("its inbound request URL is what receives replies and STOP", init.Output, StringComparison.Ordinal);
        Assert.Equal(new Uri(InboundUrl), Assert.Single(_twilio.MessagingServices).InboundRequestUrl);
        Assert.Null(Assert.Single(_twilio.PhoneNumbers).SmsUrl);
        Assert.Equal(0, _syspro.OpenSessions);
        var environment = EnvironmentDocument.Parse(await File.ReadAllTextAsync(EnvFile, TestContext.Current.CancellationToken));
        Assert.Equal(o.OperatorPassword, environment["MLC_Syspro__Enet__OperatorPassword"]);
        Assert.Equal(o.OperatorPassword, environment["MLC_Syspro__Enet__ProbeOperatorPassword"]);
        await AssertValidateAndPingPassAsync(@"3 rule\(s\)", @"SYSPRO e.net\s+PASS", @"Twilio\s+PASS");
    }

    [Fact]
    public async Task Init_Interactive_AsksAgainAfterABadAnswerAndAFailedCheckThenWrites()
    {
        string[] answers =
        [
            "",                                   // transport: odata
            _syspro.ODataAddress.AbsoluteUri, _syspro.Options.ODataUser, "wrong-password",
            "",                                   // SYSPRO refused: try again (Y)
            "", "",                               // URL and operator as before
            _syspro.Options.ODataPassword,
            "po-submited,invoice-posted",         // a typo: asked again, with a suggestion
            "po-submitted,invoice-posted",
            "",                                   // region US
            "jane", "Jane Doe", "call me", "(555) 010-0001", "approvers",
            "ap", "", "555-010-0003", "accounts-payable",
            "",                                   // no more people
            "",                                   // no routes
            "approvers", "ap",                    // who gets each preset's texts
            _twilio.Options.AccountSid, _twilio.Options.AuthToken, "", "+15005550006", PublicBase,
            "y",                                  // point the number's inbound URL at the connector
            "", "",                               // data folder and master key: defaults
        ];

        var init = await CliRunner.RunWithInputAsync(_folder.Path, null, string.Join("\n", answers),
            "init", "--output", Settings, "--twilio-base-url", _twilio.BaseAddress.AbsoluteUri);

        Assert.True(init.ExitCode == 0, init.Output + init.Error);
        Assert.Contains("SYSPRO OData refused the credentials", init.Output, StringComparison.Ordinal);
        Assert.Contains("did you mean po-submitted?", init.Output, StringComparison.Ordinal);
        Assert.Contains("is not a phone number", init.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder.Path, "site", "data"), await File.ReadAllTextAsync(Settings, TestContext.Current.CancellationToken),
            StringComparison.Ordinal);
        Assert.Equal(new Uri(InboundUrl), Assert.Single(_twilio.PhoneNumbers).SmsUrl);
        await AssertValidateAndPingPassAsync(@"2 rule\(s\)", @"SYSPRO OData\s+PASS", @"Twilio\s+PASS");
    }

    [Fact]
    public async Task Init_YesWithAWrongToken_WritesNothingAndSaysWhy()
    {
        string[] common = ["init", "--yes", "--output", Settings, "--syspro-odata-url", _syspro.ODataAddress.AbsoluteUri,
            "--syspro-odata-user", _syspro.Options.ODataUser, "--syspro-odata-password", _syspro.Options.ODataPassword, .. People];

        var wrongToken = await CliRunner.RunAsync(_folder.Path, null,
            [.. common, .. TwilioOptions("--twilio-from", "+15005550006"), "--twilio-auth-token", "wrong-token"]);

        Assert.Equal(1, wrongToken.ExitCode);
        Assert.Contains("Twilio refused the answers", wrongToken.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", wrongToken.Output + wrongToken.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Settings));
        Assert.False(File.Exists(EnvFile));
        Assert.Null(Assert.Single(_twilio.PhoneNumbers).SmsUrl);
    }

    /// <summary>`config validate` and `ping` with the settings file and only what a shell gets from sourcing the
    /// environment file (bash: set -a; . file), in a fresh folder.</summary>
    private async Task AssertValidateAndPingPassAsync(string rules, params string[] pings)
    {
        var validate = await SourcedAsync("config", "validate", "--config", Settings);
        var ping = await SourcedAsync("ping", "--config", Settings);

        Assert.True(validate.ExitCode == 0, validate.Output + validate.Error);
        Assert.Matches(rules, validate.Output);
        Assert.True(ping.ExitCode == 0, ping.Output + ping.Error);
        foreach (var pattern in pings)
        {
            Assert.Matches(pattern, ping.Output);
        }
    }

    private async Task<CliRunner.Result> SourcedAsync(params string[] args)
    {
        var work = Directory.CreateDirectory(Path.Combine(_folder.Path, "work")).FullName;
        var dotnet = CliRunner.StartInfo(work, args);
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("set -a; . \"$0\"; set +a; exec dotnet \"$@\"");
        start.ArgumentList.Add(EnvFile);
        foreach (var arg in dotnet.ArgumentList)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MLC_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliRunner.Result(process.ExitCode, await output, await error);
    }
}
