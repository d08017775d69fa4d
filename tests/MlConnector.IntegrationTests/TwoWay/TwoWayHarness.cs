using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Access;
using MlConnector.Alerts;
using MlConnector.IntegrationTests.SysproSide;
using MlConnector.Outbox;
using MlConnector.Rules;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.TwoWay;

/// <summary>
/// Two-way texts end to end: the SYSPRO and Twilio simulators and the connector on one fake clock, rule po-approved
/// (texting the buyer) asking for acknowledgement with the settings each test gives; replies come in as signed inbound
/// webhooks from the Twilio simulator; the API is read over HTTP with an API key.
/// </summary>
internal sealed class TwoWayHarness : IAsyncDisposable
{
    public const string Buyer = SysproSideHarness.Procurement;
    public const string Backup = "+15550100005";
    public const string Second = "+15550100006";
    public const string Stranger = "+15550109999";

    private static readonly Dictionary<string, string?> Defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Directory:People:backup:Name"] = "Bo Backup",
        ["Directory:People:backup:Phone"] = Backup,
        ["Directory:People:backup:Groups:0"] = "backups",
        ["Directory:People:second:Name"] = "Sam Second",
        ["Directory:People:second:Phone"] = Second,
        ["Directory:People:second:Groups:0"] = "seconds",
    };

    private readonly Dictionary<string, string?> _settings;
    private readonly string? _postgres;
    private readonly List<SysproSideHarness> _earlier = [];
    private readonly List<SysproSideHarness> _others = [];
    private string? _apiKey;

    private TwoWayHarness(SysproSideHarness side, Dictionary<string, string?> settings, string? postgres)
    {
        Side = side;
        _settings = settings;
        _postgres = postgres;
    }

    public SysproSideHarness Side { get; private set; }

    public static Task<TwoWayHarness> StartAsync(string? postgres = null, params (string Key, string Value)[] acknowledge) =>
        StartWithAsync(postgres, [], acknowledge);

    /// <param name="settings">Further settings of the connector, e.g. more recipients of the rule.</param>
    public static async Task<TwoWayHarness> StartWithAsync(string? postgres, (string Key, string Value)[] settings,
        params (string Key, string Value)[] acknowledge)
    {
        var all = settings.ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Defaults)
        {
            all.TryAdd(key, value);
        }

        foreach (var (key, value) in acknowledge)
        {
            all[$"Rules:{RulePresets.PoApproved}:Acknowledge:{key}"] = value;
        }

        var side = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: all, purchaseOrders: 200, withTwilio: true,
            postgresConnectionString: postgres);
        var harness = new TwoWayHarness(side, all, postgres);
        harness.PointInboundTextsAtTheConnector();
        return harness;
    }

    /// <summary>Restarts the connector (a clean stop, or a kill -9 when <paramref name="crash"/>) on the same store,
    /// simulators and clock; <paramref name="between"/> runs while it is down.</summary>
    public async Task RestartAsync(bool crash = false, Action? between = null)
    {
        var old = Side;
        if (crash)
        {
            await old.CrashAsync();
        }
        else
        {
            await old.StopAsync();
        }

        _earlier.Add(old);
        between?.Invoke();
        Side = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: _settings, purchaseOrders: 200, withTwilio: true,
            postgresConnectionString: _postgres, sharing: old);
        _apiKey = null;
        PointInboundTextsAtTheConnector();
    }

    /// <summary>A second instance on the same store, simulators and clock (stopped with this harness).</summary>
    public async Task<SysproSideHarness> AddInstanceAsync()
    {
        var other = await SysproSideHarness.StartAsync(SysproTransport.OData, settings: _settings, purchaseOrders: 200, withTwilio: true,
            postgresConnectionString: _postgres, sharing: Side);
        _others.Add(other);
        return other;
    }

    private void PointInboundTextsAtTheConnector() =>
        Side.Twilio!.Options.InboundWebhookUrl = new Uri(new Uri(Side.App.Urls.First()), "/webhooks/twilio/inbound");

    /// <summary>Baselines the rule, approves a new PO in SYSPRO, polls, and sends its text until it is
    /// <paramref name="until"/>; returns the (first) alert.</summary>
    public async Task<StoredAlert> ApprovePurchaseOrderAsync(string until = AlertStates.Delivered)
    {
        await Side.PollAsync(RulePresets.PoApproved);
        var data = Side.Simulator.Data;
        var po = data.CreatePurchaseOrder(data.SupplierNamed("O'Brien & Sons").Supplier, "B01", 3, 10m);
        data.SubmitPurchaseOrder(po.PurchaseOrder);
        data.ApprovePurchaseOrder(po.PurchaseOrder);
        Side.Time.Advance(TimeSpan.FromMinutes(5));
        var before = (await Side.AlertsAsync(RulePresets.PoApproved)).Count;
        await Side.PollAsync(RulePresets.PoApproved);
        StoredAlert? alert = null;
        Assert.True(await DriveAsync(async () =>
        {
            var all = await Side.AlertsAsync(RulePresets.PoApproved);
            alert = all.Count > before ? all[before] : null;
            return alert?.State == until;
        }, 400), $"the PO's text did not become {until}");
        return alert!;
    }

    public static string ReferenceOf(string body)
    {
        var match = System.Text.RegularExpressions.Regex.Match(body, " Reply OK ([A-Z2-9]{4}) to confirm\\.$");
        Assert.True(match.Success, $"the text does not end with the reply instruction: {body}");
        return match.Groups[1].Value;
    }

    public Task ReplyAsync(string from, string text) =>
        Side.Twilio!.InjectInboundAsync(from, text, TestContext.Current.CancellationToken);

    /// <summary>The texts Twilio accepted for <paramref name="phone"/>, oldest first.</summary>
    public IReadOnlyList<string> TextsTo(string phone) =>
        Side.Twilio!.Messages.Where(m => m.To == phone && m.Direction != "inbound").Select(m => m.Body ?? "").ToList();

    /// <summary>Drives the dispatchers until <paramref name="phone"/> has had <paramref name="count"/> texts.</summary>
    public async Task DriveUntilTextsAsync(string phone, int count) =>
        Assert.True(await DriveAsync(() => Task.FromResult(TextsTo(phone).Count >= count), 400), $"{phone} did not get {count} text(s)");

    /// <summary>Moves the clock in steps (the timers look every 15 s) while the dispatchers send.</summary>
    public Task PassAsync(TimeSpan span) => DriveAsync(() => Task.FromResult(false), (int)(span / TimeSpan.FromMilliseconds(500)));

    /// <summary>Steps of 500 ms, each when every instance's dispatcher is idle (a second instance's sends are waited
    /// for too, not raced past).</summary>
    private Task<bool> DriveAsync(Func<Task<bool>> done, int steps)
    {
        var activities = _others.Prepend(Side).Select(i => i.App.Services.GetRequiredService<DispatcherActivity>()).ToList();
        activities.ForEach(a => a.Wake());
        return new DispatchDriver(Side.Time, activities, Side.Twilio!).UntilAsync(done, TimeSpan.FromMilliseconds(500), steps);
    }

    /// <summary>Moves the clock to a minute before <paramref name="at"/> at once, then in steps to it (the timers and the
    /// dispatcher run on the way).</summary>
    public async Task AdvanceToAsync(DateTimeOffset at)
    {
        var jump = at.AddMinutes(-1) - Side.Time.GetUtcNow();
        if (jump > TimeSpan.Zero)
        {
            Side.Time.Advance(jump);
        }

        await PassAsync(at - Side.Time.GetUtcNow());
    }

    /// <summary>GET /api/alerts/{id}: the "alert" object of the answer.</summary>
    public async Task<JsonElement> ApiAlertAsync(long id) => (await ApiGetAsync($"/api/alerts/{id}")).GetProperty("alert");

    /// <summary>GET <paramref name="path"/> of the API with an operator's key, or a dashboard page with it.</summary>
    public async Task<JsonElement> ApiGetAsync(string path)
    {
        using var client = await ClientAsync();
        return await client.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);
    }

    private async Task<HttpClient> ClientAsync()
    {
        if (_apiKey is null)
        {
            _apiKey = await Side.App.Services.GetRequiredService<ApiKeyStore>().CreateAsync("ops", OperatorRoles.Operator, TestContext.Current.CancellationToken);
            Side.App.Services.GetRequiredService<AccessState>().Invalidate();
        }

        var client = new HttpClient { BaseAddress = new Uri(Side.App.Urls.First()) };
        client.DefaultRequestHeaders.Add("X-Api-Key", _apiKey);
        return client;
    }

    public async Task<List<string>> AuditKindsAsync(long alertId)
    {
        await using var connection = await Side.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<string>("SELECT kind FROM audit WHERE alert_id = @alertId ORDER BY id", new { alertId })).ToList();
    }

    /// <summary>Every alert of the rule with its role, recipient and escalation link.</summary>
    public async Task<List<(long Id, string Role, string Recipient, long? EscalationOf, string State)>> EventAlertsAsync()
    {
        await using var connection = await Side.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<(long, string, string, long?, string)>(
            "SELECT id, ack_role, recipient_id, escalation_of, state FROM alerts WHERE ack_event_id IS NOT NULL ORDER BY id")).ToList();
    }

    /// <summary>The running connector first, then the stopped ones, the first (which owns the simulators and the
    /// folder) last.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }

        await Side.DisposeAsync();
        foreach (var earlier in Enumerable.Reverse(_earlier))
        {
            await earlier.DisposeAsync();
        }
    }
}
