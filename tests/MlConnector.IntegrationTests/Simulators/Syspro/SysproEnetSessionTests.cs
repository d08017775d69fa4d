using Microsoft.Extensions.Time.Testing;
using MlConnector.Simulators.Syspro;

namespace MlConnector.IntegrationTests.Simulators.Syspro;

/// <summary>Session rules, each on its own small simulator and fake clock.</summary>
public sealed class SysproEnetSessionTests : IAsyncLifetime
{
    private const string SessionInvalid =
        "ERROR: The supplied UserID is invalid. Either you were not logged in; or your session has expired. You will need to logon again.";

    private readonly FakeTimeProvider _time = new(SysproSimulatorFixture.Start);
    private SysproSimulator _simulator = null!;
    private HttpClient _http = null!;

    private EnetTestClient Enet => new(_http, _simulator);

    private static string Xml => EnetTestClient.Comfnd("InvBuyer", ["Buyer"], [], returnRows: 1);

    public async ValueTask InitializeAsync()
    {
        _simulator = await SysproSimulator.StartAsync(
            new SysproSimulatorOptions { PurchaseOrders = 100, IdleTimeout = TimeSpan.FromMinutes(20) }, _time,
            cancellationToken: TestContext.Current.CancellationToken);
        _http = SysproSimulatorFixture.CreateClient(_simulator);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Logon_SecondLogonSameOperator_InvalidatesFirstUserId()
    {
        var first = await Enet.LogonUserIdAsync();
        var second = await Enet.LogonUserIdAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(SessionInvalid, (await Enet.QueryAsync(first, "COMFND", Xml)).Text);
        Assert.StartsWith("<?xml", (await Enet.QueryAsync(second, "COMFND", Xml)).Text, StringComparison.Ordinal);
        Assert.Equal(1, _simulator.OpenSessions);
        Assert.Equal(2, _simulator.LogonCount);
    }

    [Fact]
    public async Task Session_IdleLongerThanTimeoutOnFakeClock_Expires()
    {
        var userId = await Enet.LogonUserIdAsync();
        _time.Advance(TimeSpan.FromMinutes(19));
        Assert.StartsWith("<?xml", (await Enet.QueryAsync(userId, "COMFND", Xml)).Text, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMinutes(19)); // refreshed by the call above: still alive
        Assert.StartsWith("<?xml", (await Enet.QueryAsync(userId, "COMFND", Xml)).Text, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(SessionInvalid, (await Enet.QueryAsync(userId, "COMFND", Xml)).Text);
        Assert.Equal(0, _simulator.OpenSessions);
    }

    [Fact]
    public async Task Logoff_OpenSession_ReturnsZeroAndClosesIt()
    {
        var userId = await Enet.LogonUserIdAsync();
        Assert.Equal("0", (await Enet.GetAsync("Logoff", ("UserId", userId))).Text);
        Assert.Equal(0, _simulator.OpenSessions);
        Assert.Equal("ERROR: Unable to read the SYSPRO base directory registry string BaseDir8",
            (await Enet.GetAsync("Logoff", ("UserId", userId))).Text);
    }

    [Fact]
    public async Task Faults_ForcedSessionExpiry_InvalidatesUserId()
    {
        var userId = await Enet.LogonUserIdAsync();
        Assert.Equal(1, _simulator.Faults.ExpireSessions());
        Assert.Equal(SessionInvalid, (await Enet.QueryAsync(userId, "COMFND", Xml)).Text);
    }

    [Fact]
    public async Task Faults_FailNextTwo_Returns500ThenRecovers()
    {
        _simulator.Faults.FailNextRequests(2);
        Assert.Equal(500, (await Enet.GetAsync("GetVersion")).Status);
        Assert.Equal(500, (await Enet.GetAsync("GetVersion")).Status);
        Assert.Equal(200, (await Enet.GetAsync("GetVersion")).Status);
    }

    [Fact]
    public async Task Faults_Latency_AnswersOnlyAfterTheFakeClockMoves()
    {
        Assert.Equal(200, (await Enet.GetAsync("GetVersion")).Status); // warm the connection
        _simulator.Faults.Latency = TimeSpan.FromSeconds(30);
        var pending = Enet.GetAsync("GetVersion");

        // Step the fake clock until the answer comes; the request cannot finish before 30 fake seconds.
        var advanced = TimeSpan.Zero;
        for (var i = 0; i < 1000 && !pending.IsCompleted; i++)
        {
            await Task.WhenAny(pending, Task.Delay(5, TestContext.Current.CancellationToken));
            if (!pending.IsCompleted)
            {
                _time.Advance(TimeSpan.FromSeconds(5));
                advanced += TimeSpan.FromSeconds(5);
            }
        }

        Assert.Equal(200, (await pending).Status);
        Assert.True(advanced >= TimeSpan.FromSeconds(30), $"answered after {advanced}");
    }

    [Fact]
    public async Task GetLogonProfile_LiveSession_ReturnsProfileXml()
    {
        var userId = await Enet.LogonUserIdAsync();
        var reply = await Enet.GetAsync("GetLogonProfile", ("UserId", userId));
        Assert.Contains("<OperatorCode>ADMIN</OperatorCode>", reply.Text, StringComparison.Ordinal);
        Assert.Contains("<CompanyDate>2025-03-14</CompanyDate>", reply.Text, StringComparison.Ordinal);
    }
}
