using System.Net;
using System.Text;
using MlConnector.IntegrationTests.Api;

namespace MlConnector.IntegrationTests.Security;

/// <summary>Whatever a client sends is answered 4xx with ProblemDetails, never 500: malformed webhook forms that carry
/// a signature header (the form must be read to check it), and refusals asked for as XML.</summary>
[Collection(nameof(RunsAlone))]
public sealed class MalformedInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> MalformedForms => ["multipart without boundary", "1,100 fields", "a 2 kB key", "a 4 MB value"];

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task SignedLookingWebhook_WithMalformedForm_Answers4xxProblem(string malformed)
    {
        await using var host = await SecurityHost.StartAsync(SecurityHost.WithTwilioToken);
        using var http = new HttpClient { BaseAddress = host.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/status") { Content = Form(malformed) };
        request.Headers.Add("X-Twilio-Signature", "c2lnbmF0dXJl");

        using var response = await http.SendAsync(request, Ct);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ApiFromAnotherMachine_AskingForXml_Answers403()
    {
        await using var app = OperatorApiApplication.Create();

        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Path = "/api/alerts";
            c.Request.Headers.Accept = "application/xml";
            c.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        }, Ct);

        Assert.Equal(403, context.Response.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_AnswersProblemDetails()
    {
        await using var host = await SecurityHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.GetAsync("/api/nothing-here", Ct);
        using var webhook = await http.GetAsync("/webhooks/twilio/status", Ct);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, webhook.StatusCode);
        Assert.Equal("application/problem+json", webhook.Content.Headers.ContentType?.MediaType);
    }

    internal static HttpContent Form(string malformed) => malformed switch
    {
        "multipart without boundary" => WithType(new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n"u8.ToArray()), "multipart/form-data"),
        "1,100 fields" => Urlencoded(string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=1"))),
        "a 2 kB key" => Urlencoded(new string('k', 2100) + "=1"),
        "a 4 MB value" => Urlencoded("MessageSid=" + new string('v', (4 * 1024 * 1024) + 10)),
        _ => throw new ArgumentOutOfRangeException(nameof(malformed)),
    };

    private static StringContent Urlencoded(string body) => new(body, Encoding.ASCII, "application/x-www-form-urlencoded");

    private static ByteArrayContent WithType(ByteArrayContent content, string type)
    {
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }
}
