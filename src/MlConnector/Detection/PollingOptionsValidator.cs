using Microsoft.Extensions.Options;

namespace MlConnector.Detection;

/// <summary>Start-up checks of <see cref="PollingOptions"/>. Each message names its settings.</summary>
internal sealed class PollingOptionsValidator : IValidateOptions<PollingOptions>
{
    /// <summary>How many heartbeats a rule's lease must outlast, so one late heartbeat does not hand the rule over.</summary>
    public const int LeaseOverHeartbeat = 2;

    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        var failures = new List<string>();
        if (options.StartJitter < TimeSpan.Zero)
        {
            failures.Add("Polling:StartJitter may not be negative.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add("Polling:HeartbeatInterval must be positive (e.g. 00:00:05).");
        }
        else if (options.LeaseDuration < options.HeartbeatInterval * LeaseOverHeartbeat)
        {
            failures.Add($"Polling:LeaseDuration ({options.LeaseDuration}) must be at least {LeaseOverHeartbeat} times " +
                $"Polling:HeartbeatInterval ({options.HeartbeatInterval}), so a late heartbeat does not hand a rule over.");
        }

        if (options.InstanceId is { Length: > 200 })
        {
            failures.Add("Polling:InstanceId must be at most 200 characters (or unset: machine name and process id).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
