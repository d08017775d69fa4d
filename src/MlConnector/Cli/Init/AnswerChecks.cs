using System.Globalization;
using System.Text.RegularExpressions;
using MlConnector.Recipients;

namespace MlConnector.Cli.Init;

/// <summary>Turns typed text into an answer, or says in plain words what is wrong with it.</summary>
internal static partial class AnswerChecks
{
    public static (string? Value, string? Error) HttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? (url.AbsoluteUri, null)
            : (null, "is not an http(s) address such as https://erp.example.com/SYSPRO8Odata/SYSPROOData/");

    public static (string? Value, string? Error) HttpsUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == "https"
            ? (url.AbsoluteUri, null)
            : (null, "is not an https address such as https://alerts.example.com/ (Twilio calls it over the internet)");

    public static Func<string, (string? Value, string? Error)> Sid(string prefix, string what) => text =>
        SidPattern().IsMatch(text) && text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            ? (prefix + text[2..], null)
            : (null, $"is not {what} ({prefix} and 32 hexadecimal characters)");

    public static (string? Value, string? Error) Duration(string text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var d) && d > TimeSpan.Zero
            ? (d.ToString("c", CultureInfo.InvariantCulture), null)
            : (null, "is not a duration; write hh:mm:ss, e.g. 00:20:00");

    public static Func<string, (string? Value, string? Error)> Phone(string region) => text =>
        PhoneFormat.TryNormalize(text, region, out var e164, out var error) ? (e164, null) : (null, $"is {error}");

    public static (string? Value, string? Error) Region(string text) =>
        PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(text.ToUpperInvariant())
            ? (text.ToUpperInvariant(), null)
            : (null, "is not a region code such as US, GB or ZA");

    /// <summary>An id or group name as it appears in settings keys: letters, digits, '-', '_' and '.', not all digits.</summary>
    public static (string? Value, string? Error) Name(string text) =>
        NamePattern().IsMatch(text) && !text.All(char.IsAsciiDigit)
            ? (text, null)
            : (null, "is not a name: use letters, digits, '-', '_' or '.' (e.g. jane, approvers)");

    [GeneratedRegex("^[A-Za-z]{2}[0-9a-fA-F]{32}$")]
    private static partial Regex SidPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
    private static partial Regex NamePattern();
}
