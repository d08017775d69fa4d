using Microsoft.AspNetCore.Http;

namespace MlConnector.Simulators.Twilio.PhoneNumbers;

/// <summary>
/// Reads webhook settings from an update form: a URL (absolute http or https; an empty value clears it) and its
/// method (GET or POST). Errors as Twilio's number configuration gives them: 21402 for a URL (seen in a
/// Twilio-compatible vendor's list of Twilio's codes), 21403 for a method (assumed).
/// </summary>
internal static class WebhookSetting
{
    /// <summary>Unchanged when absent; null when cleared.</summary>
    public static (bool Given, Uri? Url, CreateError? Error) Url(IFormCollection form, string name)
    {
        if (!form.TryGetValue(name, out var values))
        {
            return (false, null, null);
        }

        var text = values.ToString();
        if (text.Length == 0)
        {
            return (true, null, null);
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? (true, url, null)
            : (true, null, new CreateError(400, 21402, $"{name} is not a valid URL: {text}"));
    }

    public static (string? Method, CreateError? Error) Method(IFormCollection form, string name)
    {
        if (!form.TryGetValue(name, out var values))
        {
            return (null, null);
        }

        var method = values.ToString().ToUpperInvariant();
        return method is "GET" or "POST" ? (method, null) : (null, new CreateError(400, 21403, $"{name} must be GET or POST: {values}"));
    }

    /// <summary>A boolean as the SDK sends it ("true" / "false"), or null when absent.</summary>
    public static bool? Flag(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && bool.TryParse(values.ToString(), out var flag) ? flag : null;
}
