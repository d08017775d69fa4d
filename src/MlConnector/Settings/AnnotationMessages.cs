using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MlConnector.Settings;

/// <summary>
/// Runs a source-generated DataAnnotations validator (<c>[OptionsValidator]</c>) and says its findings the way every
/// other settings problem is said: <c>Storage:CommandTimeout: '01:00:00' must be between 00:00:01 and 00:10:00</c>
/// instead of "The field StorageOptions.CommandTimeout must be between ...". The generator names a member
/// <c>{name}.{Member}</c> (nested: <c>{name}.OData.Timeout</c>, items: <c>{name}.Items[0].Field</c>), so passing the
/// section's path as the name lets each message be traced back to its setting and its value.
/// </summary>
public static partial class AnnotationMessages
{
    public static IEnumerable<string> Check<T>(IValidateOptions<T> generated, string path, T options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(path);
        var result = generated.Validate(path, options);
        return result.Failed ? result.Failures.Select(f => Rewrite(f, path, options)) : [];
    }

    private static string Rewrite(string failure, string path, object options)
    {
        var start = failure.IndexOf(path + ".", StringComparison.Ordinal);
        if (start < 0)
        {
            return failure;
        }

        var end = failure.IndexOf(' ', start);
        var member = failure[(start + path.Length + 1)..(end < 0 ? failure.Length : end)];
        var segments = MemberSegments().Matches(member).Select(m => m.Value.Trim('[', ']')).ToList();
        var setting = $"{path}:{string.Join(':', segments)}";
        var (value, secret) = ValueOf(options, segments);
        var given = secret ? "" : $"'{SettingValues.Format(value)}' ";
        var text = failure[(end < 0 ? failure.Length : end)..].Trim();

        if (RangeText().Match(failure) is { Success: true } range)
        {
            return $"{setting}: {given}must be between {range.Groups["min"].Value} and {range.Groups["max"].Value}";
        }

        if (failure.EndsWith("field is required.", StringComparison.Ordinal))
        {
            return $"{setting} is required";
        }

        // A custom ErrorMessage is written "{0}: what is expected", so what follows the member is the explanation.
        return $"{setting}: {given}{text.TrimStart(':', ' ').TrimEnd('.')}";
    }

    private static (object? Value, bool Secret) ValueOf(object options, List<string> segments)
    {
        object? current = options;
        PropertyInfo? property = null;
        foreach (var segment in segments)
        {
            if (current is null)
            {
                break;
            }

            if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && current is System.Collections.IList list)
            {
                current = index < list.Count ? list[index] : null;
                continue;
            }

            property = current.GetType().GetProperty(segment);
            current = property?.GetValue(current);
        }

        return (current, SettingShape.IsSecret(property));
    }

    [GeneratedRegex(@"[^.\[\]]+|\[\d+\]")]
    private static partial Regex MemberSegments();

    [GeneratedRegex(@"must be between (?<min>\S+?)( exclusive)? and (?<max>\S+?)( exclusive)?\.$")]
    private static partial Regex RangeText();
}
