using MlConnector.Probes;

namespace MlConnector.Cli.Init;

/// <summary>Whether SYSPRO exposes what a preset reads: its table (with the columns it needs) and the tables its
/// texts look names up in.</summary>
internal sealed record PresetSupport(string Id, string Description, string Table, bool Supported, string Note);

/// <summary>What <c>init</c> tests as soon as it has the answers (the real ones run the probes of <c>ping</c>).</summary>
internal interface ISetupChecks
{
    /// <summary>The SYSPRO credentials: an OData read, or e.net Logon and Logoff (service and probe operator).</summary>
    Task<IReadOnlyList<ProbeResult>> SysproAsync(SetupAnswers answers, CancellationToken ct);

    /// <summary>Every preset, and whether this SYSPRO lets the connector read what it needs.</summary>
    Task<IReadOnlyList<PresetSupport>> PresetsAsync(SetupAnswers answers, CancellationToken ct);

    /// <summary>The Twilio account (fetched) and the sender (found in the account, with where its replies go now).</summary>
    Task<IReadOnlyList<ProbeResult>> TwilioAsync(SetupAnswers answers, CancellationToken ct);

    /// <summary>Points the sender's inbound texts (the number's SMS URL, or the Messaging Service's inbound URL) at
    /// <paramref name="inboundUrl"/>.</summary>
    Task<ProbeResult> PointInboundAsync(SetupAnswers answers, Uri inboundUrl, CancellationToken ct);
}
