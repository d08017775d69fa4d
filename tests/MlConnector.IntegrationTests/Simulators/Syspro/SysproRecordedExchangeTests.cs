using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>
/// Replays every recorded e.net exchange against the simulator and compares status, content type and body shape.
/// The recordings' placeholders become the simulator's credentials; a recorded UserId becomes the one the
/// simulator handed out at the replayed Logon.
/// </summary>
public sealed partial class SysproRecordedExchangeTests
{
    public static TheoryData<string> Cassettes() =>
        [.. Directory.GetFiles(RecordedCassette.Folder, "*.yml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Cassettes))]
    public async Task RecordedExchange_Replayed_MatchesStatusContentTypeAndBodyShape(string cassette)
    {
        var options = new SysproSimulatorOptions { PurchaseOrders = 100, CompanyId = "L", CompanyPassword = "" };
        await using var simulator = await SysproSimulator.StartAsync(
            options, new FakeTimeProvider(SysproSimulatorFixture.Start), cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var userIds = new Dictionary<string, string>();

        foreach (var exchange in RecordedCassette.Load(cassette).HttpInteractions)
        {
            Assert.Equal("get", exchange.Request.Method);
            var pathAndQuery = HostPart().Replace(exchange.Request.Uri, "")
                .Replace("<syspro_username>", Uri.EscapeDataString(options.Operator), StringComparison.Ordinal)
                .Replace("<syspro_password>", Uri.EscapeDataString(options.OperatorPassword), StringComparison.Ordinal);
            foreach (var (recorded, live) in userIds)
            {
                pathAndQuery = pathAndQuery.Replace(recorded, live, StringComparison.Ordinal);
            }

            using var response = await http.GetAsync(new Uri(simulator.BaseAddress, pathAndQuery), TestContext.Current.CancellationToken);
            var body = EnetTestClient.Windows1252.GetString(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            var expected = exchange.Response;

            Assert.Equal(expected.Status.Code, (int)response.StatusCode);
            Assert.Equal(expected.Headers["Content-Type"].Single(), response.Content.Headers.ContentType?.ToString());
            AssertSameShape(expected.Body.Text, body);
            if (UserId().IsMatch(expected.Body.Text))
            {
                userIds[expected.Body.Text.Trim()] = body.Trim();
            }
        }
    }

    private static void AssertSameShape(string expected, string actual)
    {
        if (expected.StartsWith("<?xml", StringComparison.Ordinal))
        {
            Assert.Equal(expected[..expected.IndexOf('\n', StringComparison.Ordinal)], actual[..actual.IndexOf('\n', StringComparison.Ordinal)]);
            var (want, got) = (XDocument.Parse(expected).Root!, XDocument.Parse(actual).Root!);
            Assert.Equal(want.Name, got.Name);
            Assert.Equal(want.Attributes().Select(a => a.Name), got.Attributes().Select(a => a.Name));
            Assert.Equal(Paths(want), Paths(got));
            Assert.Equal(expected[^2..], actual[^2..]); // SYSPRO ends with "\n "
        }
        else if (UserId().IsMatch(expected))
        {
            Assert.Matches(UserId(), actual);
        }
        else if (Version().IsMatch(expected))
        {
            Assert.Matches(Version(), actual);
        }
        else
        {
            Assert.Equal(expected, actual); // ERROR texts and "0" exactly as recorded
        }
    }

    private static List<string> Paths(XElement root) =>
        [.. root.Descendants().Select(e => string.Join('/', e.AncestorsAndSelf().Reverse().Select(a => a.Name.LocalName)))];

    [GeneratedRegex("^[a-z]+://[^/]+")]
    private static partial Regex HostPart();

    [GeneratedRegex("^[0-9A-F]{34}  $")]
    private static partial Regex UserId();

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$")]
    private static partial Regex Version();
}
