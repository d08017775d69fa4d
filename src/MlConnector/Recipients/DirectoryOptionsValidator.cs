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
