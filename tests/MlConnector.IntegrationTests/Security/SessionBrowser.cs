using System.Text.RegularExpressions;

namespace MlConnector.IntegrationTests.Security;

/// <summary>A browser reduced to what sign-in needs over real HTTP: it keeps the cookies the connector sets (and drops
/// the ones it deletes), reads the antiforgery token of a page's form, and posts the sign-in and sign-out forms.</summary>
internal sealed partial class SessionBrowser(Uri baseAddress) : IDisposable
{
    public const string SessionCookie = "mlc.session";
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The session cookie's value, to replay after the browser has signed out.</summary>
    public string? Session => _cookies.GetValueOrDefault(SessionCookie);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        var response = await _http.SendAsync(request, Ct);
        foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = set.Split(';')[0];
            var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
            var value = pair[(name.Length + 1)..];
            if (value.Length == 0)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }

        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    /// <summary>The antiforgery token of the first form on <paramref name="url"/>.</summary>
    public async Task<string> FormTokenAsync(string url)
    {
        using var page = await GetAsync(url);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {url} ({(int)page.StatusCode})");
        return match.Groups[1].Value;
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> form, string? tokenFrom = null)
    {
        form["__RequestVerificationToken"] = await FormTokenAsync(tokenFrom ?? url);
        return await SendAsync(HttpMethod.Post, url, new FormUrlEncodedContent(form));
    }

    /// <summary>Posts the sign-in form: 302 to the dashboard when signed in, 200 (the form again, with the reason) when not.</summary>
    public Task<HttpResponseMessage> SignInAsync(string user, string password) =>
        PostFormAsync("/login", new() { ["userName"] = user, ["password"] = password });

    public Task<HttpResponseMessage> SignOutAsync() => PostFormAsync("/logout", [], tokenFrom: "/");

    /// <summary>A request carrying only the given session cookie (another party replaying a copied cookie).</summary>
    public static async Task<HttpResponseMessage> WithCookieAsync(Uri baseAddress, HttpMethod method, string url, string session)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Cookie", $"{SessionCookie}={session}");
        return await http.SendAsync(request, Ct);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
