using Microsoft.Extensions.Options;
using MlConnector.Sms;

namespace MlConnector.Outbox;

/// <summary>Start-up checks of <see cref="OutboxOptions"/>, some against the Twilio settings. Each message names its settings.</summary>
internal sealed class OutboxOptionsValidator(IOptions<TwilioOptions> twilio) : IValidateOptions<OutboxOptions>
{
    /// <summary>How many request timeouts a lease must outlast: the request, the lookup or record around it, and a
    /// heartbeat that came late, before another dispatcher may claim the alert.</summary>
    public const int LeaseOverRequestTimeout = 2;

    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("Outbox:PollInterval must be positive (e.g. 00:00:01).");
        }

        if (options.MaxConcurrency < 1)
        {
            failures.Add("Outbox:MaxConcurrency must be at least 1.");
        }

        if (options.LeaseDuration <= TimeSpan.Zero)
        {
            failures.Add("Outbox:LeaseDuration must be positive (e.g. 00:02:00).");
        }
        else if (TwilioOrNull() is { Enabled: true } t && options.LeaseDuration < t.RequestTimeout * LeaseOverRequestTimeout)
        {
            failures.Add($"Outbox:LeaseDuration ({options.LeaseDuration}) must be at least {LeaseOverRequestTimeout} times " +
                $"Twilio:RequestTimeout ({t.RequestTimeout}), so a send still waiting for Twilio keeps its alert.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The Twilio settings, or null when they are wrong themselves (their own validator says how).</summary>
    private TwilioOptions? TwilioOrNull()
    {
        try
        {
            return twilio.Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
