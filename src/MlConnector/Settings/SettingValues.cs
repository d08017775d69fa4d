using System.Globalization;
using System.Text.RegularExpressions;

namespace MlConnector.Settings;

/// <summary>
/// Reads single values the way the settings file means them, and says in plain words what is wrong with one that
/// does not read: <c>'15 minutes' is not a duration; write 00:15:00</c>, never a .NET type name. Durations are
/// written <c>hh:mm:ss</c> (or <c>d.hh:mm:ss</c>): a bare <c>15</c> would be fifteen days to .NET, so it is refused.
/// </summary>
public static partial class SettingValues
{
    /// <summary>The duration pattern, shared with the JSON Schema.</summary>
    public const string DurationPattern = @"^(\d+\.)?\d{1,2}:\d{2}:\d{2}(\.\d{1,7})?$";

    /// <summary>What a value of <paramref name="type"/> looks like, for messages and the schema.</summary>
    public static string Expected(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain switch
        {
            _ when plain == typeof(bool) => "true or false",
            _ when plain == typeof(int) || plain == typeof(long) => "a whole number",
            _ when plain == typeof(decimal) || plain == typeof(double) => "a number such as 10000 or 2.5",
            _ when plain == typeof(TimeSpan) => "a duration written hh:mm:ss (or d.hh:mm:ss), e.g. 00:05:00",
            _ when plain == typeof(Uri) => "a URL written in full, with http:// or https://",
            _ when plain == typeof(DateTimeOffset) => "a date or a date and time, e.g. 2026-11-01 or 2026-11-01T08:00Z",
            _ when plain.IsEnum => OneOf(Enum.GetNames(plain)),
            _ => "text",
        };
    }

    /// <summary>Null when <paramref name="text"/> reads as a <paramref name="type"/>; otherwise what is wrong with it,
    /// starting with the value (unless <paramref name="secret"/>).</summary>
    public static string? Problem(Type type, string text, bool secret = false)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(text);
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        var given = secret ? "the value" : $"'{text}'";
        if (plain == typeof(string))
        {
            return null;
        }

        if (text.Length == 0)
        {
            return $"is empty; write {Expected(plain)}";
        }

        if (plain == typeof(bool))
        {
            return bool.TryParse(text.Trim(), out _) ? null : $"{given} is not true or false";
        }

        if (plain == typeof(int))
        {
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : $"{given} is not a whole number";
        }

        if (plain == typeof(long))
        {
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : $"{given} is not a whole number";
        }

        if (plain == typeof(decimal) || plain == typeof(double))
        {
            return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? null
                : $"{given} is not a number; write digits with a dot for decimals, e.g. 10000 or 2.5";
        }

        if (plain == typeof(TimeSpan))
        {
            return DurationProblem(text, given);
        }

        if (plain == typeof(Uri))
        {
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? null
                : $"{given} is not a URL; write it in full, with http:// or https://, e.g. https://erp.example.com/";
        }

        if (plain.IsEnum)
        {
            var names = Enum.GetNames(plain);
            return names.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase) ? null
                : $"{given} is not {OneOf(names)}{Suggestions.DidYouMean(text, names)}";
        }

        return null;
    }

    /// <summary>"A or B", "A, B or C".</summary>
    public static string OneOf(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Concat(words) : $"{string.Join(", ", words.Take(words.Count - 1))} or {words[^1]}";

    /// <summary>A duration as the settings file writes it (hh:mm:ss, d.hh:mm:ss past a day).</summary>
    public static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>A value as the settings file writes it, for messages.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        TimeSpan t => Format(t),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string? DurationProblem(string text, string given)
    {
        var trimmed = text.Trim();
        if (DurationRegex().IsMatch(trimmed) && TimeSpan.TryParseExact(trimmed, "c", CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        if (trimmed.StartsWith('-'))
        {
            return $"{given} is a negative duration; write hh:mm:ss, e.g. 00:05:00";
        }

        // Say what to write instead when the intent is clear: "15 minutes", "15m", "2 h", "1 day", "30s".
        if (HumanDurationRegex().Match(trimmed) is { Success: true } m
            && double.TryParse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            var unit = m.Groups["unit"].Value.ToUpperInvariant();
            var meant = unit[0] switch
            {
                'S' => TimeSpan.FromSeconds(n),
                'M' when unit.StartsWith("MS", StringComparison.Ordinal) || unit.StartsWith("MILLI", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(n),
                'M' => TimeSpan.FromMinutes(n),
                'H' => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
            return $"{given} is not a duration; write {Format(meant)}";
        }

        return $"{given} is not a duration; write hh:mm:ss (or d.hh:mm:ss), e.g. 00:05:00 for five minutes";
    }

    [GeneratedRegex(DurationPattern)]
    private static partial Regex DurationRegex();

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<unit>ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)$", RegexOptions.IgnoreCase)]
    private static partial Regex HumanDurationRegex();
}
