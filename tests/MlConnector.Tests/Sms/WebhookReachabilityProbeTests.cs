using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using MlConnector.Sms;

namespace MlConnector.Tests.Sms;

public sealed class WebhookReachabilityProbeTests
{
    private sealed class FixedResolver(params string[] addresses) : IHostAddressResolver
    {
        public List<string> Asked { get; } = [];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Asked.Add(host);
            return addresses.Length == 1 && addresses[0] == "fail"
                ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
                : Task.FromResult(addresses.Select(IPAddress.Parse).ToArray());
        }
    }

    private static TwilioOptions Real(string? publicBaseUrl) => new()
    {
        AccountSid = "AC1", AuthToken = "t", From = "+15005550006",
        PublicBaseUrl = publicBaseUrl is null ? null : new Uri(publicBaseUrl),
    };

    private static Task<Probes.ProbeResult?> CheckAsync(TwilioOptions options, IHostAddressResolver resolver) =>
        new WebhookReachabilityProbe(Options.Create(options), resolver).CheckAsync(TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.9")]
    [InlineData("192.168.1.20")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.10.1")]
    [InlineData("100.64.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:192.168.1.20")]
    public async Task Check_NameResolvesToAPrivateAddress_WarnsThatTwilioCannotReachTheWebhooks(string address)
    {
        var resolver = new FixedResolver(address);

        var result = await CheckAsync(Real("https://alerts.example.com/"), resolver);

        Assert.NotNull(result);
        Assert.Equal(("WARN", true), (result.Verdict, result.Passed));
        Assert.Contains("Twilio could not reach the webhooks", result.Message, StringComparison.Ordinal);
        Assert.Contains(address, result.Message, StringComparison.Ordinal);
        Assert.Equal(["alerts.example.com"], resolver.Asked);
    }

    [Theory]
    [InlineData("52.1.2.3")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::6810:84e5")]
    public async Task Check_NameResolvesToAPublicAddress_Passes(string address)
    {
        var result = await CheckAsync(Real("https://alerts.example.com/mlc"), new FixedResolver("10.0.0.4", address));

        Assert.Equal("PASS", result!.Verdict);
    }

    [Fact]
    public async Task Check_NameDoesNotResolve_WarnsWithTheOutsideCheck()
    {
        var result = await CheckAsync(Real("https://alerts.example.com/mlc/"), new FixedResolver("fail"));

        Assert.Equal("WARN", result!.Verdict);
        Assert.Contains("does not resolve", result.Message, StringComparison.Ordinal);
        Assert.Contains("curl https://alerts.example.com/mlc/health/live", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_IpLiteralOrMissingPublicBaseUrl_NeedsNoResolverAndWarns()
    {
        var resolver = new FixedResolver("52.1.2.3");

        var literal = await CheckAsync(Real("https://192.168.0.10:8443/"), resolver);
        var missing = await CheckAsync(Real(null), resolver);

        Assert.Equal("WARN", literal!.Verdict);
        Assert.Equal("WARN", missing!.Verdict);
        Assert.Contains("Twilio:PublicBaseUrl is not set", missing.Message, StringComparison.Ordinal);
        Assert.Empty(resolver.Asked);
    }

    [Fact]
    public async Task Check_SimulatorOrDeliveryOff_IsNotAProductionCheck()
    {
        var simulator = Real("https://alerts.example.com/");
        simulator.BaseUrl = new Uri("http://127.0.0.1:5081/");

        Assert.Null(await CheckAsync(simulator, new FixedResolver("10.0.0.1")));
        Assert.Null(await CheckAsync(new TwilioOptions(), new FixedResolver("10.0.0.1")));
    }
}
