using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using MlConnector.Settings;

namespace MlConnector.Sms;

[OptionsValidator]
internal sealed partial class TwilioOptionsAnnotations : IValidateOptions<TwilioOptions>;

/// <summary>Start-up checks of <see cref="TwilioOptions"/>: the ranges always, the credentials and the sender when
/// delivery is on. Each message names its setting.</summary>
internal sealed class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    private const int MaxBodyLength = 1600; // Twilio's maximum Body

    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var failures = AnnotationMessages.Check(new TwilioOptionsAnnotations(), TwilioOptions.SectionName, options).ToList();
        if (options.BackoffCap < options.BackoffBase)
        {
            failures.Add($"Twilio:BackoffCap: '{SettingValues.Format(options.BackoffCap)}' must be at least Twilio:BackoffBase " +
                $"({SettingValues.Format(options.BackoffBase)})");
        }

        if (!options.BaseUrl.IsAbsoluteUri)
        {
            failures.Add("Twilio:BaseUrl must be an absolute URL (default https://api.twilio.com).");
        }

        if (options.PublicBaseUrl is { IsAbsoluteUri: false })
        {
            failures.Add("Twilio:PublicBaseUrl must be an absolute URL such as https://alerts.example.com.");
        }

        if (options.HelpReply is { Length: > MaxBodyLength })
        {
            failures.Add($"Twilio:HelpReply must be at most {MaxBodyLength} characters (Twilio's limit for a text).");
        }

        if (!options.Enabled && !string.IsNullOrWhiteSpace(options.VerifyServiceSid))
        {
            failures.Add("Twilio:VerifyServiceSid needs Twilio:AccountSid and Twilio:AuthToken: the sign-in codes are texted by " +
                "the site's own Twilio account.");
        }

        if (!options.Enabled)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Skip : ValidateOptionsResult.Fail(failures);
        }

        Delivery(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Delivery(TwilioOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.AuthToken))
        {
            failures.Add("Twilio:AuthToken is required when Twilio:AccountSid is set (it signs the webhooks, also when REST calls use an API key).");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKeySid) != string.IsNullOrWhiteSpace(options.ApiKeySecret))
        {
            failures.Add("Twilio:ApiKeySid and Twilio:ApiKeySecret go together: set both or neither.");
        }

        if (string.IsNullOrWhiteSpace(options.From) == string.IsNullOrWhiteSpace(options.MessagingServiceSid))
        {
            failures.Add("Twilio:From or Twilio:MessagingServiceSid is required (exactly one of them).");
        }
        else if (options.From is { Length: > 0 } from && FromProblem(from) is { } problem)
        {
            failures.Add($"Twilio:From: '{from}' {problem}");
        }

        // Twilio must reach the webhooks from the internet, and their signatures are checked against this address.
        if (options.IsRealTwilio && options.PublicBaseUrl is not { IsAbsoluteUri: true, Scheme: "https" })
        {
            failures.Add(options.PublicBaseUrl is null
                ? "Twilio:PublicBaseUrl is required with the real Twilio API: the https address at which Twilio reaches this " +
                  "service's webhooks, e.g. https://alerts.example.com/"
                : $"Twilio:PublicBaseUrl: '{options.PublicBaseUrl}' must be an https address with the real Twilio API " +
                  "(Twilio's callbacks carry message details), e.g. https://alerts.example.com/");
        }
    }

    // A sender is a number in E.164, a short code (digits) or an alphanumeric sender ID (letters, at most 11).
    private static string? FromProblem(string from)
    {
        var trimmed = from.Trim();
        if (trimmed.StartsWith('+'))
        {
            return PhoneFormat.TryNormalize(trimmed, "US", out var e164, out _) && e164 == trimmed ? null
                : "is not a phone number in E.164 form; write + and the country code and digits only, e.g. +15550100001";
        }

        if (trimmed.All(char.IsAsciiDigit))
        {
            return trimmed.Length is >= 3 and <= 8 ? null
                : "is neither a short code nor a phone number; write a number in E.164 form, e.g. +15550100001";
        }

        return trimmed.Length <= 11 && trimmed.Any(char.IsAsciiLetter) && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ')
            ? null
            : "is not a sender: write a number in E.164 form (+15550100001), a short code, or a sender ID of at most 11 letters and digits";
    }
}
