using System.CommandLine;
using MlConnector.Simulators.Twilio;

namespace MlConnector.Cli;

/// <summary><c>ml-connector simulate twilio</c>: the Twilio simulator alone, on the system clock.</summary>
internal static class SimulateTwilioCommand
{
    private static readonly TwilioSimulatorOptions Defaults = new();

    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 5081 };
        var urls = SimulatorUrls.Option();
        var accountSid = new Option<string>("--account-sid") { Description = "Account SID clients must use (AC + 32 hex).", DefaultValueFactory = _ => Defaults.AccountSid };
        var authToken = new Option<string>("--auth-token") { Description = "Auth Token; also signs callbacks and inbound webhooks.", DefaultValueFactory = _ => Defaults.AuthToken };
        var apiKeySid = new Option<string>("--api-key-sid") { Description = "API key SID accepted instead of the Account SID (SK...).", DefaultValueFactory = _ => Defaults.ApiKeySid };
        var apiKeySecret = new Option<string>("--api-key-secret") { Description = "Secret of the API key.", DefaultValueFactory = _ => Defaults.ApiKeySecret };
        var test = new Option<bool>("--test-credentials") { Description = "Act as Twilio test credentials: magic numbers, no callbacks, GET answered 403 / 20008." };
        var rate = new Option<int>("--messages-per-second") { Description = "Creates accepted per one-second window; beyond it 429 / 20429 (0 = unlimited).", DefaultValueFactory = _ => Defaults.MessagesPerSecond };
        var inbound = new Option<Uri?>("--inbound-webhook") { Description = "URL that injected inbound SMS are POSTed to (POST /_sim/twilio/inbound)." };
        var sent = new Option<TimeSpan>("--sent-delay") { Description = "Time from create to the sent/failed callback (hh:mm:ss).", DefaultValueFactory = _ => Defaults.SentDelay };
        var delivered = new Option<TimeSpan>("--delivered-delay") { Description = "Time from create to the delivered/undelivered callback.", DefaultValueFactory = _ => Defaults.DeliveredDelay };
        var reorder = new Option<bool>("--reorder-callbacks") { Description = "Send each message's callbacks final status first." };
        var duplicate = new Option<bool>("--duplicate-callbacks") { Description = "Send every callback twice." };

        var command = new Command("twilio", "Run the Twilio simulator alone: Messages API, signed status callbacks, " +
            "inbound SMS, faults and rate limits, inspected under /_sim/twilio/.")
        {
            host, port, urls, accountSid, authToken, apiKeySid, apiKeySecret, test, rate, inbound, sent, delivered, reorder, duplicate,
        };
        command.SetAction((ParseResult r, CancellationToken ct) => StartupErrors.GuardAsync(async () =>
        {
            Hosting.ListeningAddresses.Check(SimulatorUrls.Of(r, urls, host, port));
            var options = new TwilioSimulatorOptions
            {
                AccountSid = r.GetValue(accountSid)!,
                AuthToken = r.GetValue(authToken)!,
                ApiKeySid = r.GetValue(apiKeySid)!,
                ApiKeySecret = r.GetValue(apiKeySecret)!,
                TestCredentials = r.GetValue(test),
                MessagesPerSecond = r.GetValue(rate),
                InboundWebhookUrl = r.GetValue(inbound),
                SentDelay = r.GetValue(sent),
                DeliveredDelay = r.GetValue(delivered),
                ReorderCallbacks = r.GetValue(reorder),
                DuplicateCallbacks = r.GetValue(duplicate),
            };
            await using var simulator = await TwilioSimulator.StartAsync(options, TimeProvider.System,
                SimulatorUrls.Of(r, urls, host, port), logging => logging.AddSimpleConsole().AddFilter("Microsoft.AspNetCore", LogLevel.Warning), ct);
            CliConsole.Out.WriteLine($"Twilio simulator listening on {simulator.BaseAddress}");
            CliConsole.Out.WriteLine($"  AccountSid   {options.AccountSid}");
            CliConsole.Out.WriteLine($"  AuthToken    {options.AuthToken}");
            CliConsole.Out.WriteLine($"  ApiKey       {options.ApiKeySid} / {options.ApiKeySecret}");
            CliConsole.Out.WriteLine($"  Mode         {(options.TestCredentials ? "test credentials" : "live")}, {options.MessagesPerSecond} message(s)/s");
            CliConsole.Out.WriteLine($"  Inspection   {simulator.InspectionAddress}");
            CliConsole.Out.WriteLine("Press Ctrl+C to stop.");
            await simulator.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
