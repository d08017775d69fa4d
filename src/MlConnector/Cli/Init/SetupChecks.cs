using Microsoft.Extensions.Options;
using MlConnector.Probes;
using MlConnector.Rules;
using MlConnector.Sms;
using MlConnector.Syspro;

namespace MlConnector.Cli.Init;

/// <summary>
/// The checks of <c>init</c>, run by the same code as <c>ping</c> (<see cref="SysproProbe"/>,
/// <see cref="TwilioAccountProbe"/>) on a small host built from the answers alone: the SYSPRO and Twilio features and
/// nothing else, no settings file, no environment variables, no database.
/// </summary>
internal sealed class SetupChecks : ISetupChecks
{
    public async Task<IReadOnlyList<ProbeResult>> SysproAsync(SetupAnswers answers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Transport == SysproTransport.OData)
        {
            return await WithHostAsync(answers.Everything(), "SYSPRO OData", async services =>
                [(await Probe(services).ODataAsync(Company(services), ct))!]);
        }

        // The service's own operator first (a probe operator would hide a wrong password), then the probe operator.
        var results = await WithHostAsync(Without(answers.Everything(), "Syspro:Enet:ProbeOperator"), "SYSPRO e.net", async services =>
            [(await Probe(services).EnetAsync(Company(services), force: true, ct))!]);
        if (!string.IsNullOrWhiteSpace(answers.ProbeOperator))
        {
            results = [.. results, .. await WithHostAsync(answers.Everything(), "SYSPRO e.net", async services =>
                [(await Probe(services).EnetAsync(Company(services), force: false, ct))! with { Target = "SYSPRO probe" }])];
        }

        return results;
    }

    public async Task<IReadOnlyList<PresetSupport>> PresetsAsync(SetupAnswers answers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var queries = PresetTables.AllQueries(answers.Transport);
        IReadOnlyList<TableAccess> access;
        try
        {
            await using var host = new SetupHost(answers.Everything());
            access = await host.Services.GetRequiredService<SysproTableCheck>().CheckAsync(Company(host.Services), answers.Transport, queries, ct);
        }
        catch (OptionsValidationException e)
        {
            access = [.. queries.Select(q => new TableAccess(q.Table, false, string.Join(" ", e.Failures)))];
        }

        return PresetTables.Support(answers.Transport, access);
    }

    public Task<IReadOnlyList<ProbeResult>> TwilioAsync(SetupAnswers answers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return WithHostAsync(answers.Everything(), "Twilio", async services =>
        {
            var account = (await services.GetRequiredService<TwilioAccountProbe>().CheckAsync())!;
            return account.Passed ? [account, await services.GetRequiredService<TwilioSenderSetup>().CheckAsync()] : [account];
        });
    }

    public async Task<ProbeResult> PointInboundAsync(SetupAnswers answers, Uri inboundUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var results = await WithHostAsync(answers.Everything(), TwilioSenderSetup.Target, async services =>
            [await services.GetRequiredService<TwilioSenderSetup>().PointInboundAtAsync(inboundUrl)]);
        return results[0];
    }

    private static SysproProbe Probe(IServiceProvider services) => services.GetRequiredService<SysproProbe>();

    private static SysproCompany Company(IServiceProvider services) => services.GetRequiredService<SysproCompanies>().Default;

    private static IEnumerable<KeyValuePair<string, string?>> Without(IEnumerable<KeyValuePair<string, string?>> settings, string key) =>
        settings.Where(kv => !kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs checks on a host of these settings; a setting the options refuse is a failed check, not a crash.</summary>
    private static async Task<IReadOnlyList<ProbeResult>> WithHostAsync(IEnumerable<KeyValuePair<string, string?>> settings,
        string target, Func<IServiceProvider, Task<IReadOnlyList<ProbeResult>>> checks)
    {
        try
        {
            await using var host = new SetupHost(settings);
            return await checks(host.Services);
        }
        catch (OptionsValidationException e)
        {
            return [new ProbeResult(target, false, string.Join(" ", e.Failures))];
        }
    }
}
