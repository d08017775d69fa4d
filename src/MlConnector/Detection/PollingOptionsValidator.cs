using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Detection;

[OptionsValidator]
internal sealed partial class PollingOptionsAnnotations : IValidateOptions<PollingOptions>;

/// <summary>Start-up checks of <see cref="PollingOptions"/>, each naming its setting.</summary>
internal sealed class PollingOptionsValidator : IValidateOptions<PollingOptions>
{
    /// <summary>How many heartbeats a rule's lease must outlast, so one late heartbeat does not hand the rule over.</summary>
    public const int LeaseOverHeartbeat = 2;

    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        var failures = AnnotationMessages.Check(new PollingOptionsAnnotations(), PollingOptions.SectionName, options).ToList();
        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add("Polling:HeartbeatInterval must be positive (e.g. 00:00:05).");
        }
        else if (options.LeaseDuration < options.HeartbeatInterval * LeaseOverHeartbeat)
        {
            failures.Add($"Polling:LeaseDuration ({options.LeaseDuration}) must be at least {LeaseOverHeartbeat} times " +
                $"Polling:HeartbeatInterval ({options.HeartbeatInterval}), so a late heartbeat does not hand a rule over.");
        }

        if (options.InstanceId is { } id && string.IsNullOrWhiteSpace(id))
        {
            failures.Add("Polling:InstanceId: is blank; leave it out to use the machine name and process id");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
