using System.Collections;
using System.CommandLine;
using MlConnector.Cli.Init;
using MlConnector.Rules;

namespace MlConnector.Cli;

/// <summary><c>ml-connector init</c>: a guided first setup for a real site (the questions are in Cli/Init).</summary>
internal static class InitCommand
{
    private static readonly Option<bool> Yes = new("--yes") { Description = "Ask nothing: every answer comes from these options (or its default); a missing one is an error. For scripts." };
    private static readonly Option<string> Output = new("--output") { Description = "The settings file to write.", DefaultValueFactory = _ => "settings.json" };
    private static readonly Option<string?> EnvFile = new("--env-file") { Description = "The environment file for passwords, tokens and the master key (mode 600). Default: ml-connector.env beside the settings file." };
    private static readonly Option<bool> Force = new("--force") { Description = "Replace existing files." };
    private static readonly Option<bool> SkipChecks = new("--skip-checks") { Description = "Write the files without testing SYSPRO and Twilio (an offline install); check later with ping." };
    private static readonly Option<SysproTransport?> Transport = new("--syspro-transport") { Description = "OData or Enet: how the connector reads SYSPRO." };
    private static readonly Option<string?> ODataUrl = new("--syspro-odata-url") { Description = "The SYSPRO OData service root, e.g. https://erp/SYSPRO8Odata/SYSPROOData/." };
    private static readonly Option<string?> ODataUser = new("--syspro-odata-user") { Description = "An operator enabled for OData." };
    private static readonly Option<string?> ODataPassword = new("--syspro-odata-password") { Description = "Its password (better: MLC_Syspro__OData__Password in the environment; never written to the settings file)." };
    private static readonly Option<string?> EnetUrl = new("--syspro-enet-url") { Description = "The e.net REST root, e.g. http://erp:31002/SYSPROWCFService/Rest/." };
    private static readonly Option<string?> EnetOperator = new("--syspro-enet-operator") { Description = "An operator dedicated to the connector (one session per operator)." };
    private static readonly Option<string?> EnetPassword = new("--syspro-enet-password") { Description = "Its password (or MLC_Syspro__Enet__OperatorPassword)." };
    private static readonly Option<string?> EnetCompany = new("--syspro-enet-company") { Description = "The SYSPRO company id." };
    private static readonly Option<string?> EnetCompanyPassword = new("--syspro-enet-company-password") { Description = "The company's password, if it has one (or MLC_Syspro__Enet__CompanyPassword)." };
    private static readonly Option<string?> ProbeOperator = new("--syspro-probe-operator") { Description = "A second operator for ping and preview, so they never end the service's session." };
    private static readonly Option<string?> ProbePassword = new("--syspro-probe-password") { Description = "Its password (or MLC_Syspro__Enet__ProbeOperatorPassword)." };
    private static readonly Option<string?> IdleTimeout = new("--syspro-idle-timeout") { Description = "The e.net idle timeout of the operator's licence class (default 00:20:00)." };
    private static readonly Option<string?> Region = new("--region") { Description = "Region of phone numbers written without a country code (default US)." };
    private static readonly Option<string[]> People = new("--person") { Description = "A person who gets texts, as ID:NAME:PHONE[:GROUP,GROUP], e.g. \"jane:Jane Doe:(555) 010-0001:approvers\" (repeatable)." };
    private static readonly Option<string[]> Routes = new("--route") { Description = "A SYSPRO code routed to a person or group, as COLUMN:CODE=TARGET, e.g. Buyer:B01=jane (repeatable)." };
    private static readonly Option<string[]> Presets = new("--preset") { Description = "A preset to switch on and who gets its texts, as ID=WHO,WHO (people, groups or route:COLUMN), e.g. po-submitted=approvers (repeatable)." };
    private static readonly Option<string?> AccountSid = new("--twilio-account-sid") { Description = "The Twilio Account SID (AC...)." };
    private static readonly Option<string?> AuthToken = new("--twilio-auth-token") { Description = "Its Auth Token (or MLC_Twilio__AuthToken); it signs the webhooks." };
    private static readonly Option<string?> ApiKeySid = new("--twilio-api-key-sid") { Description = "An API key (SK...) for REST calls instead of the Auth Token." };
    private static readonly Option<string?> ApiKeySecret = new("--twilio-api-key-secret") { Description = "The API key's secret (or MLC_Twilio__ApiKeySecret)." };
    private static readonly Option<string?> From = new("--twilio-from") { Description = "The sender: a number of the account, in any notation." };
    private static readonly Option<string?> ServiceSid = new("--twilio-messaging-service-sid") { Description = "Or the sender as a Messaging Service (MG...)." };
    private static readonly Option<string?> PublicBaseUrl = new("--public-base-url") { Description = "The connector's public https address, where Twilio calls the webhooks (Twilio:PublicBaseUrl)." };
    private static readonly Option<bool?> SetInboundUrl = new("--set-inbound-url") { Description = "Point the sender's inbound texts (a number's SMS URL, or a Messaging Service's inbound request URL) at {public address}/webhooks/twilio/inbound. Without it, init asks (and --yes leaves it unchanged)." };
    private static readonly Option<string?> TwilioBaseUrl = new("--twilio-base-url") { Description = "Where Twilio REST calls go: only for trying init against `ml-connector simulate twilio`." };
    private static readonly Option<string?> DataFolder = new("--data-folder") { Description = "The folder of the connector's database (default: data beside the settings file)." };
    private static readonly Option<string?> KeyFile = new("--key-file") { Description = "Keep the master key in this file (created if missing; outside the data folder) instead of MLC_MASTER_KEY in the environment file." };

    public static Command Create()
    {
        var command = new Command("init", "Set up this site: asks for (or takes as options) the SYSPRO and Twilio credentials and tests " +
            "them at once, lists the presets this SYSPRO supports, asks who gets which texts, and writes a commented settings " +
            "file plus an environment file for the secrets. With consent, points the Twilio sender's inbound URL at the " +
            "connector. Exit 0 when written, 1 when a check failed or init was stopped, 64 for a missing or bad option with --yes.")
        {
            Yes, Output, EnvFile, Force, SkipChecks, Transport, ODataUrl, ODataUser, ODataPassword, EnetUrl, EnetOperator, EnetPassword,
            EnetCompany, EnetCompanyPassword, ProbeOperator, ProbePassword, IdleTimeout, Region, People, Routes, Presets, AccountSid,
            AuthToken, ApiKeySid, ApiKeySecret, From, ServiceSid, PublicBaseUrl, SetInboundUrl, TwilioBaseUrl, DataFolder, KeyFile,
        };
        command.SetAction((result, ct) =>
            RunAsync(Arguments(result), Console.In, CliConsole.Out, CliConsole.Error, !Console.IsInputRedirected, new SetupChecks(), ct));
        return command;
    }

    /// <summary>Runs init over any reader and writer (the command uses the console).</summary>
    /// <param name="environment">Where secrets given as MLC_ variables are found; null: this process's environment.</param>
    public static async Task<int> RunAsync(InitArguments args, TextReader input, TextWriter output, TextWriter error, bool terminal,
        ISetupChecks checks, CancellationToken ct, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        environment ??= Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var wizard = new SetupWizard(new Prompter(input, output, !args.Yes, terminal), checks, environment, TimeProvider.System);
        try
        {
            return await wizard.RunAsync(args, ct);
        }
        catch (SetupUsageException e)
        {
            await error.WriteLineAsync($"ml-connector: init: {e.Message}");
            await error.WriteLineAsync("Run 'ml-connector init --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is SetupAbortedException or SetupCheckFailedException)
        {
            await error.WriteLineAsync($"ml-connector: init: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    private static InitArguments Arguments(ParseResult r) => new()
    {
        Yes = r.GetValue(Yes),
        Output = r.GetValue(Output)!,
        EnvFile = r.GetValue(EnvFile),
        Force = r.GetValue(Force),
        SkipChecks = r.GetValue(SkipChecks),
        Transport = r.GetValue(Transport),
        Region = r.GetValue(Region),
        People = r.GetValue(People) ?? [],
        Routes = r.GetValue(Routes) ?? [],
        Presets = r.GetValue(Presets) ?? [],
        SetInboundUrl = r.GetValue(SetInboundUrl),
        Given = new SetupAnswers
        {
            ODataUrl = r.GetValue(ODataUrl), ODataUser = r.GetValue(ODataUser), ODataPassword = r.GetValue(ODataPassword),
            EnetUrl = r.GetValue(EnetUrl), EnetOperator = r.GetValue(EnetOperator), EnetPassword = r.GetValue(EnetPassword),
            EnetCompany = r.GetValue(EnetCompany), EnetCompanyPassword = r.GetValue(EnetCompanyPassword),
            ProbeOperator = r.GetValue(ProbeOperator), ProbePassword = r.GetValue(ProbePassword), IdleTimeout = r.GetValue(IdleTimeout),
            TwilioAccountSid = r.GetValue(AccountSid), TwilioAuthToken = r.GetValue(AuthToken), TwilioApiKeySid = r.GetValue(ApiKeySid),
            TwilioApiKeySecret = r.GetValue(ApiKeySecret), TwilioFrom = r.GetValue(From), TwilioMessagingServiceSid = r.GetValue(ServiceSid),
            PublicBaseUrl = r.GetValue(PublicBaseUrl), TwilioBaseUrl = r.GetValue(TwilioBaseUrl),
            DataFolder = r.GetValue(DataFolder), KeyFile = r.GetValue(KeyFile),
        },
    };
}
