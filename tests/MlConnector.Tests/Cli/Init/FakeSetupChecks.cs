using MlConnector.Cli.Init;
using MlConnector.Probes;
using MlConnector.Rules;

namespace MlConnector.Tests.Cli.Init;

/// <summary>Checks that answer from a script: SYSPRO accepts a password, Twilio a token; every call is recorded.</summary>
internal sealed class FakeSetupChecks : ISetupChecks
{
    public const string SysproPassword = "sp-secret-1";
    public const string TwilioToken = "tw-secret-1";

    public List<string> Calls { get; } = [];

    public Task<IReadOnlyList<ProbeResult>> SysproAsync(SetupAnswers answers, CancellationToken ct)
    {
        Calls.Add($"syspro {answers.ODataUser}/{answers.ODataPassword}");
        return Task.FromResult<IReadOnlyList<ProbeResult>>([answers.ODataPassword == SysproPassword
            ? new ProbeResult("SYSPRO OData", true, "read PorMasterHdr")
            : new ProbeResult("SYSPRO OData", false, "SYSPRO OData refused the credentials (HTTP 401)")]);
    }

    public Task<IReadOnlyList<PresetSupport>> PresetsAsync(SetupAnswers answers, CancellationToken ct)
    {
        Calls.Add("presets");
        return Task.FromResult<IReadOnlyList<PresetSupport>>([.. RulePresets.All.Select(p => new PresetSupport(p.Key, p.Value.Description!,
            p.Value.Table!, p.Value.Table != "GenTransaction", p.Value.Table == "GenTransaction" ? "no entity set 'GenTransaction'" : "readable"))]);
    }

    public Task<IReadOnlyList<ProbeResult>> TwilioAsync(SetupAnswers answers, CancellationToken ct)
    {
        Calls.Add($"twilio {answers.TwilioAccountSid}");
        return Task.FromResult<IReadOnlyList<ProbeResult>>([answers.TwilioAuthToken == TwilioToken
            ? new ProbeResult("Twilio", true, "account is active")
            : new ProbeResult("Twilio", false, "Twilio refused the credentials (HTTP 401, code 20003)")]);
    }

    public Task<ProbeResult> PointInboundAsync(SetupAnswers answers, Uri inboundUrl, CancellationToken ct)
    {
        Calls.Add($"inbound {inboundUrl}");
        return Task.FromResult(new ProbeResult("Twilio sender", true, $"SMS URL set to {inboundUrl}"));
    }
}
