using MlConnector.Probes;
using MlConnector.Rules;

namespace MlConnector.Cli.Init;

/// <summary>
/// <c>ml-connector init</c>: SYSPRO (tested at once), the presets this SYSPRO supports, the people and who gets which
/// texts, Twilio (tested at once) and, with consent, the sender's inbound URL; then the settings file and the
/// environment file of secrets. Talks through a <see cref="Prompter"/> and tests through <see cref="ISetupChecks"/>,
/// so it runs the same on a terminal, with scripted input and in tests.
/// </summary>
internal sealed class SetupWizard(Prompter ask, ISetupChecks checks, IReadOnlyDictionary<string, string?> environment, TimeProvider time)
{
    public async Task<int> RunAsync(InitArguments args, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        SetupFiles.EnsureFree(ask, args);
        var a = new SetupAnswers
        {
            ODataPassword = Env("Syspro:OData:Password"),
            EnetPassword = Env("Syspro:Enet:OperatorPassword"),
            EnetCompanyPassword = Env("Syspro:Enet:CompanyPassword"),
            ProbePassword = Env("Syspro:Enet:ProbeOperatorPassword"),
            TwilioAuthToken = Env("Twilio:AuthToken"),
            TwilioApiKeySecret = Env("Twilio:ApiKeySecret"),
        };
        ask.Say("ml-connector init: the settings for this site, each answer tested as soon as it can be.");
        ask.Say($"Writes {args.SettingsPath} and, for the passwords and tokens, {args.EnvPath}.");

        await SysproStep.RunAsync(ask, args, a, checks, ct);
        var presets = await PresetStep.RunAsync(ask, args, a, checks, ct);
        RecipientStep.Run(ask, args, a, presets);
        var inboundDone = await TwilioStep.RunAsync(ask, args, a, checks, ct);
        StorageStep.Run(ask, args, a, environment);

        var now = time.GetUtcNow();
        var settingsName = Path.GetFileName(args.SettingsPath);
        var envName = Path.GetFileName(args.EnvPath);
        var schemaCopied = SetupFiles.Write(args, a, SettingsDocument.Render(a, envName, settingsName, now),
            EnvironmentDocument.Render(a, settingsName, now));
        ask.Say("");
        ask.Say($"Wrote {args.SettingsPath}{(schemaCopied ? $" (and {SettingsDocument.SchemaFileName} beside it, for editors)" : "")}");
        ask.Say($"Wrote {args.EnvPath} (mode 600: the service account alone may read it).");
        ask.Say("Next:");
        ask.Say($"  set -a; . {args.EnvPath}; set +a");
        ask.Say($"  ml-connector config validate --config {args.SettingsPath}");
        ask.Say($"  ml-connector ping --config {args.SettingsPath}");
        ask.Say($"  ml-connector preview --config {args.SettingsPath}");
        ask.Say($"  ml-connector run --config {args.SettingsPath}   (or install it as a service: README)");
        return inboundDone ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>Shows each check; true when all passed. Interactive: a failure offers to change the answers (false) or
    /// stop. With --yes a failure stops init before anything is written.</summary>
    public static Task<bool> CheckedAsync(Prompter ask, string what, IReadOnlyList<ProbeResult> results)
    {
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(results);
        foreach (var r in results)
        {
            ask.Say($"  {r.Target,-13} {r.Verdict}  {r.Message}");
        }

        var failed = results.Where(r => !r.Passed).ToList();
        if (failed.Count == 0)
        {
            return Task.FromResult(true);
        }

        if (!ask.Interactive)
        {
            throw new SetupCheckFailedException($"{what} refused the answers ({string.Join("; ", failed.Select(f => f.Message))}); " +
                "nothing was written. Fix them, or pass --skip-checks to write the files untested.");
        }

        return ask.Confirm($"{what} did not accept these answers. Change them and try again?", null, fallback: true)
            ? Task.FromResult(false)
            : throw new SetupAbortedException($"{what} did not accept the answers; nothing was written.");
    }

    private string? Env(string setting) => environment.GetValueOrDefault(EnvironmentDocument.VariableOf(setting));
}
