using MlConnector.Sms;

namespace MlConnector.Cli.Init;

/// <summary>The Twilio questions (account, Auth Token or API key, sender, public address) and their check; then, with
/// the operator's consent, the sender's inbound URL pointed at the connector's webhook.</summary>
internal static class TwilioStep
{
    /// <returns>False when pointing the sender's inbound URL was asked for and failed.</returns>
    public static async Task<bool> RunAsync(Prompter ask, InitArguments args, SetupAnswers a, ISetupChecks checks, CancellationToken ct)
    {
        ask.Say("");
        ask.Say("Twilio. The Account SID and Auth Token are on the console's front page; the Auth Token also signs the");
        ask.Say("webhooks, so it is needed even when REST calls use an API key. The sender is a number of the account or a");
        ask.Say("Messaging Service.");
        a.TwilioBaseUrl = args.Given.TwilioBaseUrl;
        var given = args.Given;
        while (true)
        {
            Ask(ask, given, a);
            if (args.SkipChecks || await SetupWizard.CheckedAsync(ask, "Twilio", await checks.TwilioAsync(a, ct)))
            {
                break;
            }

            given = new SetupAnswers();
        }

        return await InboundAsync(ask, args, a, checks, ct);
    }

    private static void Ask(Prompter ask, SetupAnswers given, SetupAnswers a)
    {
        a.TwilioAccountSid = ask.Ask("Account SID (AC...)", given.TwilioAccountSid, "--twilio-account-sid", a.TwilioAccountSid,
            check: AnswerChecks.Sid("AC", "an Account SID"));
        a.TwilioAuthToken = ask.Ask("Auth Token", given.TwilioAuthToken, "--twilio-auth-token", a.TwilioAuthToken, secret: true);
        a.TwilioApiKeySid = ask.Ask("API key SID for REST calls (SK..., Enter to use the Auth Token)", given.TwilioApiKeySid,
            "--twilio-api-key-sid", a.TwilioApiKeySid ?? "", required: false, check: AnswerChecks.Sid("SK", "an API key SID"));
        a.TwilioApiKeySecret = string.IsNullOrEmpty(a.TwilioApiKeySid) ? null
            : ask.Ask("API key secret", given.TwilioApiKeySecret, "--twilio-api-key-secret", a.TwilioApiKeySecret, secret: true);

        if (!string.IsNullOrWhiteSpace(given.TwilioFrom) && !string.IsNullOrWhiteSpace(given.TwilioMessagingServiceSid))
        {
            throw new SetupUsageException("give --twilio-from or --twilio-messaging-service-sid, not both.");
        }

        var sender = ask.Ask("Sender: a number of the account (+1...) or a Messaging Service SID (MG...)",
            given.TwilioFrom ?? given.TwilioMessagingServiceSid,
            given.TwilioMessagingServiceSid is null ? "--twilio-from" : "--twilio-messaging-service-sid",
            a.TwilioFrom ?? a.TwilioMessagingServiceSid, check: text => text.StartsWith("MG", StringComparison.OrdinalIgnoreCase)
                ? AnswerChecks.Sid("MG", "a Messaging Service SID")(text)
                : AnswerChecks.Phone(a.Region)(text));
        var service = sender!.StartsWith("MG", StringComparison.Ordinal);
        a.TwilioFrom = service ? null : sender;
        a.TwilioMessagingServiceSid = service ? sender : null;

        var realTwilio = a.TwilioBaseUrl is null || TwilioHosts.IsTwilio(new Uri(a.TwilioBaseUrl));
        a.PublicBaseUrl = ask.Ask("The connector's public https address, where Twilio calls back (Twilio:PublicBaseUrl)",
            given.PublicBaseUrl, "--public-base-url", a.PublicBaseUrl,
            check: realTwilio ? AnswerChecks.HttpsUrl : AnswerChecks.HttpUrl);
    }

    private static async Task<bool> InboundAsync(Prompter ask, InitArguments args, SetupAnswers a, ISetupChecks checks, CancellationToken ct)
    {
        var inbound = PublicUrls.Under(new Uri(a.PublicBaseUrl!), PublicUrls.InboundPath);
        ask.Say("");
        var question = a.TwilioMessagingServiceSid is { } service
            ? $"The sender is Messaging Service {service}: its inbound request URL is what receives replies and STOP (it wins " +
              $"over its numbers' own SMS URLs). Set it to {inbound}?"
            : $"Point the incoming texts of {a.TwilioFrom} (its SMS URL) at {inbound}, so replies and STOP reach the connector?";
        if (!ask.Confirm(question, args.SetInboundUrl, fallback: false))
        {
            ask.Say($"Not changed. Replies and STOP reach the connector only once the sender's inbound URL is {inbound} " +
                "(Twilio console, or run init again with --set-inbound-url).");
            return true;
        }

        if (args.SkipChecks)
        {
            ask.Say($"Not changed: --skip-checks talks to no one. Set the sender's inbound URL to {inbound} later.");
            return true;
        }

        var result = await checks.PointInboundAsync(a, inbound, ct);
        ask.Say($"  {result.Verdict}  {result.Message}");
        return result.Passed;
    }
}
