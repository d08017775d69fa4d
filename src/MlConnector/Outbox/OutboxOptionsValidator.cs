using Microsoft.Extensions.Options;
using MlConnector.Settings;
using MlConnector.Sms;

namespace MlConnector.Outbox;

[OptionsValidator]
internal sealed partial class OutboxOptionsAnnotations : IValidateOptions<OutboxOptions>;

/// <summary>Start-up checks of <see cref="OutboxOptions"/>: its ranges, and a lease longer than one Twilio request
/// (otherwise a slow send loses its lease and the alert is never sent by anyone).</summary>
internal sealed class OutboxOptionsValidator(IOptionsMonitor<TwilioOptions> twilio) : IValidateOptions<OutboxOptions>
{
    /// <summary>How many request timeouts a lease must outlast: the request, the lookup or record around it, and a
    /// heartbeat that came late, before another dispatcher may claim the alert.</summary>
    public const int LeaseOverRequestTimeout = 2;

    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var failures = AnnotationMessages.Check(new OutboxOptionsAnnotations(), OutboxOptions.SectionName, options).ToList();
        if (RequestTimeout() is { } timeout && failures.Count == 0 && options.LeaseDuration < timeout * LeaseOverRequestTimeout)
        {
            failures.Add($"Outbox:LeaseDuration: '{SettingValues.Format(options.LeaseDuration)}' must be longer than " +
                $"Twilio:RequestTimeout ({SettingValues.Format(timeout)}) twice over, at least " +
                $"{SettingValues.Format(timeout * LeaseOverRequestTimeout)}, so a send still waiting for Twilio keeps its alert");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Twilio's own problems are reported by Twilio's validator; here they only mean there is nothing to compare.
    private TimeSpan? RequestTimeout()
    {
        try
        {
            return twilio.CurrentValue.RequestTimeout;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
