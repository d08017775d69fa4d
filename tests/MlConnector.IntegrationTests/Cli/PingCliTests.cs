using MlConnector.Cli;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.Cli;

public sealed class PingCliTests : IAsyncLifetime
{
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

    private Dictionary<string, string?> Settings() => SimulatorSettings.AsEnvironment(
        SimulatorSettings.Syspro(_syspro).Concat(SimulatorSettings.Twilio(_twilio)));

    [Fact]
    public async Task Ping_AllCredentialsRight_PassesEachAndExits0()
    {
        var result = await CliRunner.RunAsync(_folder.Path, Settings(), "ping", "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"SYSPRO OData\s+PASS", result.Output);
        Assert.Matches(@"SYSPRO e.net\s+PASS", result.Output);
        Assert.Matches(@"Twilio\s+PASS", result.Output);
        Assert.Equal(0, _syspro.OpenSessions);
        Assert.Empty(_twilio.Messages);
    }

    [Fact]
    public async Task Ping_WrongTwilioTokenAndODataPassword_FailsThoseWithReasonsAndExits1()
    {
        var settings = Settings();
        settings["MLC_Twilio__AuthToken"] = "wrong-token";
        settings["MLC_Syspro__OData__Password"] = "wrong";

        var result = await CliRunner.RunAsync(_folder.Path, settings, "ping", "--force");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"SYSPRO e.net\s+PASS", result.Output);
        Assert.Matches(@"Twilio\s+FAIL  Twilio refused the credentials \(HTTP 401, code 20003\)", result.Output);
        Assert.Matches(@"SYSPRO OData\s+FAIL  SYSPRO OData refused the credentials", result.Output);
        Assert.DoesNotContain("wrong-token", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_EnetWithoutProbeOperator_RefusesToEndTheServiceSessionUnlessForced()
    {
        var result = await CliRunner.RunAsync(_folder.Path, Settings(), "ping");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("would end the running service's session", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, _syspro.LogonCount);
    }

    [Fact]
    public async Task Ping_WithProbeOperator_UsesItAndLeavesNoSession()
    {
        var settings = Settings();
        settings["MLC_Syspro__Enet__ProbeOperator"] = _syspro.Options.Operator;
        settings["MLC_Syspro__Enet__ProbeOperatorPassword"] = _syspro.Options.OperatorPassword;

        var result = await CliRunner.RunAsync(_folder.Path, settings, "ping");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, _syspro.OpenSessions);
    }

    [Fact]
    public async Task Ping_NothingConfigured_SaysSoAndExits2()
    {
        var result = await CliRunner.RunAsync(_folder.Path, null, "ping");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nothing to check", result.Error, StringComparison.Ordinal);
    }
}
