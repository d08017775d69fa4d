using Microsoft.Extensions.Options;
using MlConnector.Settings;

namespace MlConnector.Recipients;

/// <summary>Start-up checks of the directory: a region phone numbers can be read in, a phone number for every person,
/// and routes that lead to a person or a group. The same problems the directory itself finds, said at once.</summary>
internal sealed class DirectoryOptionsValidator : IValidateOptions<DirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectoryOptions options)
    {
        var failures = new List<string>();
        if (!PhoneFormat.Regions.Contains(options.DefaultRegion))
        {
            failures.Add($"Directory:DefaultRegion: '{options.DefaultRegion}' is not a region code; write two letters such as US, GB or DE" +
                Suggestions.DidYouMean(options.DefaultRegion, PhoneFormat.Regions.Where(r => r.Length == 2)));
            return ValidateOptionsResult.Fail(failures);
        }

        foreach (var (id, person) in options.People)
        {
            if (person.TimeZone is { } zone && MlConnector.Site.SiteTime.Resolve(zone) is null)
            {
                failures.Add($"Directory:People:{id}:TimeZone: '{zone}' is not a time zone this machine knows; write an IANA id such as America/Chicago.");
            }

            if (person.QuietHours is { } quiet && !QuietSchedule.TryParseWindow(quiet, out _, out var error))
            {
                failures.Add($"Directory:People:{id}:QuietHours: {error}");
            }

            foreach (var (group, index) in person.Groups.Select((g, i) => (g, i)))
            {
                if (string.IsNullOrWhiteSpace(group))
                {
                    failures.Add($"Directory:People:{id}:Groups:{index}: is empty; write a group name");
                }
            }
        }

        _ = new RecipientDirectory(options, out var problems);
        failures.AddRange(problems);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
