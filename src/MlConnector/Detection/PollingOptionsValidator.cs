using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Detection;

[OptionsValidator]
internal sealed partial class PollingOptionsAnnotations : IValidateOptions<PollingOptions>;

/// <summary>Start-up checks of <see cref="PollingOptions"/>, each naming its setting.</summary>
internal sealed class PollingOptionsValidator : IValidateOptions<PollingOptions>
{
    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        var failures = AnnotationMessages.Check(new PollingOptionsAnnotations(), PollingOptions.SectionName, options).ToList();
        if (options.InstanceId is { } id && string.IsNullOrWhiteSpace(id))
        {
            failures.Add("Polling:InstanceId: is blank; leave it out to use the machine name and process id");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
