using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>The official Twilio SDK 8.2.0 against the simulator over real HTTP.</summary>
public sealed class TwilioSimulatorSdkTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    private static CreateMessageOptions Sms(string to, string from = "+15005550006", string body = "PO 1042 needs approval") =>
        new(new PhoneNumber(to)) { From = new PhoneNumber(from), Body = body };

    [Fact]
    public async Task Create_TestCredentials_ReturnsQueuedMessage()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions { TestCredentials = true }, _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim);

        var message = await MessageResource.CreateAsync(Sms("+15558675310"), client);

        Assert.StartsWith("SM", message.Sid, StringComparison.Ordinal);
        Assert.Equal(MessageResource.StatusEnum.Queued, message.Status);
        Assert.Equal("1", message.NumSegments);
        Assert.Equal(Start.UtcDateTime, message.DateCreated);
        Assert.Equal("+15558675310", Assert.Single(sim.Messages).To);
    }

    [Fact]
    public async Task Create_TestCredentialsMagicInvalidTo_Throws21211Status400()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions { TestCredentials = true }, _time, cancellationToken: TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(Sms("+15005550001"), SdkClients.ForSimulator(sim)));

        Assert.Equal(21211, e.Code);
        Assert.Equal(400, e.Status);
        Assert.Equal("https://www.twilio.com/docs/errors/21211", e.MoreInfo);
    }

    [Theory]
    [InlineData("+15005550001", 21211)]
    [InlineData("5558675310", 21211)]
    [InlineData("+1555", 21211)]
    [InlineData("+15005550002", 21612)]
    [InlineData("+15005550004", 21610)]
    [InlineData("+15005550009", 21614)]
    public async Task Create_LiveModeBadTo_ThrowsTwilioCode(string to, int code)
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(Sms(to, "+15557654321"), SdkClients.ForSimulator(sim)));

        Assert.Equal((code, 400), (e.Code, e.Status));
    }

    [Theory]
    [InlineData("+15005550001", 21212)]
    [InlineData("+15005550007", 21606)]
    [InlineData("+15005550008", 21611)]
    [InlineData("+15557654321", 21606)]
    public async Task Create_TestCredentialsMagicFrom_ThrowsTwilioCode(string from, int code)
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions { TestCredentials = true }, _time, cancellationToken: TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(Sms("+15558675310", from), SdkClients.ForSimulator(sim)));

        Assert.Equal(code, e.Code);
    }

    [Fact]
    public async Task Create_BodyOver1600Characters_Throws21617()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<ApiException>(() =>
            MessageResource.CreateAsync(Sms("+15558675310", body: new string('a', 1601)), SdkClients.ForSimulator(sim)));

        Assert.Equal(21617, e.Code);
    }

    [Fact]
    public async Task Create_WrongAuthToken_Throws20003Status401()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim, password: "not-the-token");

        var e = await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(Sms("+15558675310"), client));

        Assert.Equal((20003, 401), (e.Code, e.Status));
        Assert.Empty(sim.Messages);
    }

    [Fact]
    public async Task Create_ApiKeyAndSecret_IsAccepted()
    {
        var options = new TwilioSimulatorOptions();
        await using var sim = await TwilioSimulator.StartAsync(options, _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim, options.ApiKeySid, options.ApiKeySecret, options.AccountSid);

        var message = await MessageResource.CreateAsync(Sms("+15558675310", "+15557654321"), client);

        Assert.Equal(options.AccountSid, message.AccountSid);
    }

    [Fact]
    public async Task Fetch_TestCredentials_Throws20008Status403()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions { TestCredentials = true }, _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim);
        var created = await MessageResource.CreateAsync(Sms("+15558675310"), client);

        var e = await Assert.ThrowsAsync<ApiException>(() => MessageResource.FetchAsync(created.Sid, client: client));

        Assert.Equal((20008, 403), (e.Code, e.Status));
    }

    [Fact]
    public async Task Fetch_UnknownSid_Throws20404()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<ApiException>(() =>
            MessageResource.FetchAsync("SM" + new string('0', 32), client: SdkClients.ForSimulator(sim)));

        Assert.Equal((20404, 404), (e.Code, e.Status));
    }

    [Fact]
    public async Task FetchAccount_LiveCredentials_ReturnsActiveAccount()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);

        var account = await AccountResource.FetchAsync(sim.Options.AccountSid, SdkClients.ForSimulator(sim));

        Assert.Equal(sim.Options.AccountSid, account.Sid);
        Assert.Equal(AccountResource.StatusEnum.Active, account.Status);
    }

    [Fact]
    public async Task Create_BeyondMessagesPerSecond_Throws20429UntilTheWindowMoves()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions { MessagesPerSecond = 3 }, _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim);
        for (var i = 0; i < 3; i++)
        {
            await MessageResource.CreateAsync(Sms("+15558675310", "+15557654321"), client);
        }

        var e = await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(Sms("+15558675310", "+15557654321"), client));
        _time.Advance(TimeSpan.FromSeconds(1));
        await MessageResource.CreateAsync(Sms("+15558675310", "+15557654321"), client);

        Assert.Equal((20429, 429), (e.Code, e.Status));
        Assert.Equal(4, sim.Messages.Count);
        Assert.Equal([201, 201, 201, 429, 201], sim.CreateRequests.Select(r => r.HttpStatus));
    }

    [Fact]
    public async Task Read_FilterByToWithSmallPages_FollowsNextPageUris()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim);
        var sids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            sids.Add((await MessageResource.CreateAsync(Sms("+15558675310", "+15557654321", $"n{i}"), client)).Sid);
            await MessageResource.CreateAsync(Sms("+15551112222", "+15557654321"), client);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var read = await MessageResource.ReadAsync(new ReadMessageOptions
        {
            To = new PhoneNumber("+15558675310"),
            DateSentAfter = Start.UtcDateTime,
            PageSize = 2,
        }, client);

        Assert.Equal(Enumerable.Reverse(sids), read.Select(m => m.Sid));
    }
}
