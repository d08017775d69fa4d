using System.Security.Cryptography;
using System.Text;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// X-Twilio-Signature (specs/twilio.md, section 5): Base64(HMAC(authToken, url + each name+value in ordinal name
/// order)), no separators and no URL encoding. HMAC-SHA1 by default; HMAC-SHA256 for Webhooks-Rule signing.
/// Written here rather than taken from the Twilio SDK so the simulator does not depend on the client under test.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    /// <summary>The signature of a form POST (or a GET, with no parameters) to <paramref name="url"/>.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters,
        bool sha256 = false)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }

        var key = Encoding.UTF8.GetBytes(authToken);
        var data = Encoding.UTF8.GetBytes(text.ToString());
#pragma warning disable CA5350 // HMAC-SHA1 is what Twilio signs webhooks with; the protocol is not ours to choose
        return Convert.ToBase64String(sha256 ? HMACSHA256.HashData(key, data) : HMACSHA1.HashData(key, data));
#pragma warning restore CA5350
    }

    /// <summary>Lowercase hex SHA-256 of a raw JSON body, sent by Twilio as the <c>bodySHA256</c> query parameter.</summary>
    public static string BodyHash(string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body ?? throw new ArgumentNullException(nameof(body)))));

    /// <summary>
    /// Checks a signature like Twilio's own validators: the URL as given, then with its port removed, or with the
    /// scheme's default port added when it had none (Twilio is inconsistent about ports). Comparison is constant-time.
    /// </summary>
    public static bool Validate(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters,
        string signature, bool sha256 = false)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var list = parameters.ToList();
        var expected = Encoding.UTF8.GetBytes(signature);
        return UrlVariants(url).Any(u =>
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Compute(authToken, u, list, sha256)), expected));
    }

    private static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield break;
        }

        // Rebuild from the original text so host case and user info survive (both are signed as sent).
        var authorityStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = pathStart < 0 ? url[authorityStart..] : url[authorityStart..pathStart];
        var rest = pathStart < 0 ? string.Empty : url[pathStart..];
        var hostPart = authority[(authority.LastIndexOf('@') + 1)..];
        var userInfo = authority[..(authority.Length - hostPart.Length)];
        var colon = hostPart.LastIndexOf(':');
        var host = colon >= 0 && !hostPart.EndsWith(']') ? hostPart[..colon] : hostPart;
        var prefix = url[..authorityStart] + userInfo + host;
        yield return colon >= 0 && !hostPart.EndsWith(']') ? prefix + rest : prefix + ":" + uri.Port + rest;
    }
}
