using MlConnector.Rules;

namespace MlConnector.Cli.Init;

/// <summary>The SYSPRO questions (OData: URL, operator, password; e.net: URL, operator, company, probe operator, idle
/// timeout) and their check, asked again until SYSPRO accepts them or the operator gives up.</summary>
internal static class SysproStep
{
    public static async Task RunAsync(Prompter ask, InitArguments args, SetupAnswers a, ISetupChecks checks, CancellationToken ct)
    {
        ask.Say("");
        ask.Say("SYSPRO. OData needs the OData service's address and an operator enabled for it; e.net needs the e.net REST");
        ask.Say("address, an operator dedicated to the connector, the company, and (better) a second, probe operator for ping.");
        var transport = ask.Ask("Transport (odata or enet)", args.Transport?.ToString(), "--syspro-transport", "odata", check: text =>
            Enum.TryParse<SysproTransport>(text, ignoreCase: true, out var t) ? (t.ToString(), null) : (null, "is neither odata nor enet"));
        a.Transport = Enum.Parse<SysproTransport>(transport!);
        var given = args.Given;
        for (var attempt = 1; ; attempt++)
        {
            if (a.Transport == SysproTransport.OData)
            {
                AskOData(ask, given, a);
            }
            else
            {
                AskEnet(ask, given, a);
            }

            if (args.SkipChecks || await SetupWizard.CheckedAsync(ask, "SYSPRO", await checks.SysproAsync(a, ct)))
            {
                return;
            }

            // Ask again, offering what was typed (options are not used twice: they were what failed).
            given = new SetupAnswers();
        }
    }

    private static void AskOData(Prompter ask, SetupAnswers given, SetupAnswers a)
    {
        a.ODataUrl = ask.Ask("OData service URL (e.g. https://erp/SYSPRO8Odata/SYSPROOData/)", given.ODataUrl, "--syspro-odata-url",
            a.ODataUrl, check: AnswerChecks.HttpUrl);
        a.ODataUser = ask.Ask("OData operator", given.ODataUser, "--syspro-odata-user", a.ODataUser);
        a.ODataPassword = ask.Ask("OData operator's password", given.ODataPassword, "--syspro-odata-password", a.ODataPassword,
            secret: true);
    }

    private static void AskEnet(Prompter ask, SetupAnswers given, SetupAnswers a)
    {
        a.EnetUrl = ask.Ask("e.net REST URL (e.g. http://erp:31002/SYSPROWCFService/Rest/)", given.EnetUrl, "--syspro-enet-url",
            a.EnetUrl, check: AnswerChecks.HttpUrl);
        a.EnetOperator = ask.Ask("e.net operator (dedicated to the connector)", given.EnetOperator, "--syspro-enet-operator", a.EnetOperator);
        a.EnetPassword = ask.Ask("e.net operator's password", given.EnetPassword, "--syspro-enet-password", a.EnetPassword ?? "",
            secret: true);
        a.EnetCompany = ask.Ask("SYSPRO company id", given.EnetCompany, "--syspro-enet-company", a.EnetCompany);
        a.EnetCompanyPassword = ask.Ask("Company password (Enter for none)", given.EnetCompanyPassword, "--syspro-enet-company-password",
            a.EnetCompanyPassword, required: false, secret: true);
        a.ProbeOperator = ask.Ask("Probe operator for ping and preview (Enter for none)", given.ProbeOperator, "--syspro-probe-operator",
            a.ProbeOperator, required: false);
        if (!string.IsNullOrWhiteSpace(a.ProbeOperator))
        {
            a.ProbePassword = ask.Ask("Probe operator's password", given.ProbePassword, "--syspro-probe-password", a.ProbePassword ?? "",
                secret: true);
        }

        a.IdleTimeout = ask.Ask("Idle timeout of the operator's e.net licence class", given.IdleTimeout, "--syspro-idle-timeout",
            a.IdleTimeout ?? "00:20:00", check: AnswerChecks.Duration);
    }
}
