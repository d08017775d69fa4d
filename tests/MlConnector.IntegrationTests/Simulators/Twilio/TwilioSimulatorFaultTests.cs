using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Twilio;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace MlConnector.IntegrationTests.Simulators.Twilio;

/// <summary>Injected faults as the SDK sees them.</summary>
public sealed class TwilioSimulatorFaultTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static CreateMessageOptions Sms() =>
        new(new PhoneNumber("+15558675310")) { From = new PhoneNumber("+15557654321"), Body = "hello" };

    [Theory]
    [InlineData(TwilioFaultKind.TooManyRequests, 20429, 429)]
    [InlineData(TwilioFaultKind.ServerErrorJson, 20500, 500)]
    [InlineData(TwilioFaultKind.ServiceUnavailableJson, 20503, 503)]
    [InlineData(TwilioFaultKind.TooManyRequestsNoBody, 0, 0)]
    [InlineData(TwilioFaultKind.ServerErrorHtml, 0, 0)]
    [InlineData(TwilioFaultKind.ServiceUnavailableHtml, 0, 0)]
    public async Task Create_QueuedFault_SdkSeesCodeAndStatusThenRecovers(TwilioFaultKind kind, int code, int status)
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim);
        sim.Faults.Enqueue(new TwilioFault(kind));

        var e = await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(Sms(), client));
        await MessageResource.CreateAsync(Sms(), client);

        Assert.Equal((code, status), (e.Code, e.Status));
        Assert.Single(sim.Messages);
    }

    [Fact]
    public async Task Create_TooManyRequestsWithRetryAfter_SendsHeader()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        sim.Faults.Enqueue(new TwilioFault(TwilioFaultKind.TooManyRequests, RetryAfter: 7));
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{sim.Options.AccountSid}:{sim.Options.AuthToken}")));

        using var response = await http.PostAsync($"2010-04-01/Accounts/{sim.Options.AccountSid}/Messages.json",
            new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Create_AcceptThenDrop_ConnectionErrorButMessageListed()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim);
        sim.Faults.Enqueue(new TwilioFault(TwilioFaultKind.AcceptThenDrop));

        await Assert.ThrowsAsync<ApiConnectionException>(() => MessageResource.CreateAsync(Sms(), client));
        var listed = await MessageResource.ReadAsync(new ReadMessageOptions { To = new PhoneNumber("+15558675310") }, client);

        Assert.Equal(sim.Messages.Single().Sid, Assert.Single(listed).Sid);
    }

    [Fact]
    public async Task Create_DownUntil_FailsUntilTheClockPassesIt()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        var client = SdkClients.ForSimulator(sim);
        sim.Faults.DownUntil(_time.GetUtcNow().AddMinutes(5), new TwilioFault(TwilioFaultKind.ServiceUnavailableJson));

        await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(Sms(), client));
        await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(Sms(), client));
        _time.Advance(TimeSpan.FromMinutes(5));
        await MessageResource.CreateAsync(Sms(), client);

        Assert.Single(sim.Messages);
    }

    [Fact]
    public async Task Create_Hang_NeverAnswersUntilTheClientGivesUp()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        sim.Faults.Enqueue(new TwilioFault(TwilioFaultKind.Hang));
        var client = SdkClients.ForSimulator(sim, timeout: TimeSpan.FromMilliseconds(300));

        _time.Advance(TimeSpan.FromHours(1)); // no amount of simulated time ends a hang
        var e = await Assert.ThrowsAsync<ApiConnectionException>(() => MessageResource.CreateAsync(Sms(), client));

        Assert.IsAssignableFrom<OperationCanceledException>(e.InnerException);
        Assert.Empty(sim.Messages);
    }

    [Fact]
    public async Task Create_Slow_AnswersAfterTheSimulatedDelay()
    {
        await using var sim = await TwilioSimulator.StartAsync(new TwilioSimulatorOptions(), _time, cancellationToken: TestContext.Current.CancellationToken);
        sim.Faults.Enqueue(new TwilioFault(TwilioFaultKind.Slow, TimeSpan.FromSeconds(20)));

        var create = MessageResource.CreateAsync(Sms(), SdkClients.ForSimulator(sim));

        // The request reaches the server at some real moment (late on a busy machine): the clock moves only once the
        // simulator has taken the fault, then in steps until the delay it started has passed.
        while (sim.Faults.Pending > 0 && !create.IsCompleted)
        {
            await Task.WhenAny(create, Task.Delay(20, TestContext.Current.CancellationToken));
        }

        var advanced = TimeSpan.Zero;
        while (!create.IsCompleted && advanced < TimeSpan.FromMinutes(10))
        {
            await Task.WhenAny(create, Task.Delay(20, TestContext.Current.CancellationToken));
            _time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
        }

        var message = await create;
        Assert.True(advanced >= TimeSpan.FromSeconds(20));
        Assert.Equal(message.Sid, sim.Messages.Single().Sid);
    }
}
