using Microsoft.Extensions.Options;

namespace MlConnector.Sms;

/// <summary>Start-up checks of <see cref="TwilioOptions"/>, only when delivery is on. Each message names its setting.</summary>
internal sealed class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    private const int MaxValiditySeconds = 36000; // Twilio's maximum ValidityPeriod
    private const int MaxBodyLength = 1600; // Twilio's maximum Body

    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
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

        if (!options.BaseUrl.IsAbsoluteUri)
        {
            failures.Add("Twilio:BaseUrl must be an absolute URL (default https://api.twilio.com).");
        }

        if (options.PublicBaseUrl is { IsAbsoluteUri: false })
        {
            failures.Add("Twilio:PublicBaseUrl must be an absolute URL such as https://alerts.example.com.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("Twilio:RequestTimeout must be positive (e.g. 00:00:30).");
        }

        if (options.ValidityPeriod < TimeSpan.FromSeconds(1) || options.ValidityPeriod > TimeSpan.FromSeconds(MaxValiditySeconds))
        {
            failures.Add("Twilio:ValidityPeriod must be between 00:00:01 and 10:00:00 (Twilio's limit).");
        }

        if (options.MessagesPerSecond < 1)
        {
            failures.Add("Twilio:MessagesPerSecond must be at least 1.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add("Twilio:MaxAttempts must be at least 1.");
        }

        if (options.BackoffBase <= TimeSpan.Zero || options.BackoffCap < options.BackoffBase)
        {
            failures.Add("Twilio:BackoffBase must be positive and Twilio:BackoffCap at least as long.");
        }

        if (options.HelpReply is { Length: > MaxBodyLength })
        {
            failures.Add($"Twilio:HelpReply must be at most {MaxBodyLength} characters (Twilio's limit for a text).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
