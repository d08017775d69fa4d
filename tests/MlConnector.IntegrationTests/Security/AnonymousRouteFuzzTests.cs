using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace MlConnector.IntegrationTests.Security;

/// <summary>Every route a stranger can reach (no sign-in), sent malformed forms, oversized fields and odd content
/// types, with and without a Twilio signature header: not one answer is a 5xx the route would not give anyway
/// (a readiness check answers 503 while SYSPRO is unreachable, whatever is sent).</summary>
[Collection(nameof(RunsAlone))]
public sealed class AnonymousRouteFuzzTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAnonymousRoute_MalformedInput_NeverAnswers5xx()
    {
        await using var host = await SecurityHost.StartAsync(SecurityHost.WithTwilioToken);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.Address };
        var routes = AnonymousRoutes(host);
        Assert.Contains("/webhooks/twilio/status", routes);
        Assert.Contains("/login", routes);
        var failures = new List<string>();
        var sent = 0;

        foreach (var route in routes.Append("/no/such/route"))
        {
            using var baseline = await http.GetAsync(route, Ct);
            var first = true;
            foreach (var (name, content) in Payloads())
            {
                // A GET carries no body: once per route is enough.
                HttpMethod[] methods = first ? [HttpMethod.Post, HttpMethod.Put, HttpMethod.Get] : [HttpMethod.Post, HttpMethod.Put];
                first = false;
                foreach (var method in methods)
                {
                    foreach (var signed in new[] { false, true })
                    {
                        using var request = new HttpRequestMessage(method, route) { Content = method == HttpMethod.Get ? null : content() };
                        if (signed)
                        {
                            request.Headers.Add("X-Twilio-Signature", "c2lnbmF0dXJl");
                            request.Headers.Add("X-Twilio-Webhooks-Signature-Settings", "bogus");
                        }

                        request.Headers.TryAddWithoutValidation("Accept", name.Contains("xml", StringComparison.Ordinal) ? "application/xml" : "*/*");
                        using var response = await http.SendAsync(request, Ct);
                        sent++;
                        if ((int)response.StatusCode >= 500 && response.StatusCode != baseline.StatusCode)
                        {
                            failures.Add($"{method} {route} {name} signed={signed}: {(int)response.StatusCode}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answered 5xx:\n" + string.Join('\n', failures));
    }

    /// <summary>The route of every endpoint that needs no sign-in (route values filled with "x").</summary>
    private static List<string> AnonymousRoutes(SecurityHost host) =>
    [
        .. host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.Select(Segment)))
            .Distinct(StringComparer.OrdinalIgnoreCase),
    ];

    private static string Segment(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPathSegment segment) =>
        segment.IsSimple && segment.Parts[0] is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal ? literal.Content : "x";

    private static IEnumerable<(string Name, Func<HttpContent> Content)> Payloads()
    {
        yield return ("multipart without boundary", () => Raw("--x\r\n\r\n1\r\n--x--\r\n", "multipart/form-data"));
        yield return ("multipart, empty boundary", () => Raw("--\r\n", "multipart/form-data; boundary="));
        yield return ("multipart, truncated part", () => Raw("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", "multipart/form-data; boundary=b"));
        yield return ("multipart, 300-character boundary", () => Raw("--x\r\n", "multipart/form-data; boundary=" + new string('b', 300)));
        yield return ("1,100 fields", () => MalformedInputTests.Form("1,100 fields"));
        yield return ("a 2 kB key", () => MalformedInputTests.Form("a 2 kB key"));
        yield return ("a 4 MB value", () => MalformedInputTests.Form("a 4 MB value"));
        yield return ("bad percent-encoding", () => Raw("a=%%%&%zz=%G1&=&&", "application/x-www-form-urlencoded"));
        yield return ("unknown charset", () => Raw("a=1", "application/x-www-form-urlencoded; charset=no-such-charset"));
        yield return ("invalid UTF-8", () => new ByteArrayContent([0x61, 0x3d, 0xff, 0xfe, 0xc3]) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } });
        yield return ("broken json", () => Raw("{\"a\":", "application/json"));
        yield return ("xml body, xml accept", () => Raw("<a><b></a>", "application/xml"));
        yield return ("octet-stream", () => new ByteArrayContent([0, 1, 2, 255]) { Headers = { { "Content-Type", "application/octet-stream" } } });
        yield return ("garbage content type", () => Raw("a=1", "not a type/at all;;;"));
        yield return ("no content type", () => new ByteArrayContent("a=1"u8.ToArray()));
    }

    private static ByteArrayContent Raw(string body, string type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }
}
