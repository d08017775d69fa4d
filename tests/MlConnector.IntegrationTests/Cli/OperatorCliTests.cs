using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Security;
using MlConnector.Simulators.Syspro;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Cli;

/// <summary>The operator's verbs run as the real executable against a database seeded in-process.</summary>
public sealed class OperatorCliTests : IDisposable
{
    private readonly TestHostBuilder _host = new();

    private string Folder => _host.Root;

    private Dictionary<string, string?> Environment => _host.Environment;

    [Fact]
    public async Task Users_AddTwiceThenRemoveTwice_ExitCodesSayWhatHappened()
    {
        var added = await CliRunner.RunWithInputAsync(Folder, Environment, "long enough password", "users", "add", "olivia", "--role", "operator", "--password-stdin");
        var again = await CliRunner.RunWithInputAsync(Folder, Environment, "long enough password", "users", "add", "olivia", "--password-stdin");
        var shortPassword = await CliRunner.RunWithInputAsync(Folder, Environment, "short", "users", "add", "sam", "--password-stdin");
        var removed = await CliRunner.RunAsync(Folder, Environment, "users", "remove", "olivia");
        var missing = await CliRunner.RunAsync(Folder, Environment, "users", "remove", "olivia");

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("role operator", added.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        var hash = await ScalarAsync<string?>("SELECT password_hash FROM operators WHERE user_name = 'olivia'");
        Assert.Null(hash);
    }

    [Fact]
    public async Task Users_AdminWithAPhone_PhoneSealedAndRotated_RecoveryCodesPrintedOnce()
    {
        var added = await CliRunner.RunWithInputAsync(Folder, Environment, "long enough password", "users", "add", "ada", "--role", "admin",
            "--phone", "(555) 010-7009", "--password-stdin");
        var badRole = await CliRunner.RunWithInputAsync(Folder, Environment, "long enough password", "users", "add", "sam", "--role", "root", "--password-stdin");
        var adminKey = await CliRunner.RunAsync(Folder, Environment, "apikeys", "create", "ci", "--role", "admin");
        var notAPhone = await CliRunner.RunAsync(Folder, Environment, "users", "phone", "ada", "call me");
        var phone = await CliRunner.RunAsync(Folder, Environment, "users", "phone", "ada", "+44 20 7946 0000");
        var rotated = await CliRunner.RunAsync(Folder, Environment, "keys", "rotate");
        var codes = await CliRunner.RunAsync(Folder, Environment, "users", "recovery-codes", "ada");
        var nobody = await CliRunner.RunAsync(Folder, Environment, "users", "recovery-codes", "nobody");

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("role admin", added.Output, StringComparison.Ordinal);
        Assert.Equal(64, badRole.ExitCode);
        Assert.Contains("--role must be viewer, operator or admin.", badRole.Error, StringComparison.Ordinal);
        Assert.Equal(64, adminKey.ExitCode);
        Assert.Contains("--role must be viewer or operator.", adminKey.Error, StringComparison.Ordinal);
        Assert.Equal(1, notAPhone.ExitCode);
        Assert.Contains("users phone: The phone number is not a phone number", notAPhone.Error, StringComparison.Ordinal);
        Assert.Equal(0, phone.ExitCode);
        Assert.Contains("Phone number of ada set to +4*********00.", phone.Output, StringComparison.Ordinal);
        Assert.Contains("operators.phone: 1 re-encrypted", rotated.Error, StringComparison.Ordinal);
        var sealedPhone = await ScalarAsync<byte[]>("SELECT phone FROM operators WHERE user_name = 'ada'");
        Assert.Equal(2, FieldProtector.KeyIdOf(sealedPhone));
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_host.DataFolder))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf("+442079460000"u8) < 0, $"{Path.GetFileName(file)} holds the phone number in plain text");
        }

        var printed = codes.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(0, codes.ExitCode);
        Assert.Equal(10, printed.Distinct().Count());
        Assert.Equal(10L, await ScalarAsync<long>("SELECT COUNT(*) FROM recovery_codes WHERE user_name = 'ada' AND used_at IS NULL"));
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT COUNT(*) FROM recovery_codes WHERE code_hash LIKE '%{printed[0][..5]}%'"));
        Assert.Equal(1, nobody.ExitCode);
    }

    [Fact]
    public async Task ApiKeys_CreateShowsTheKeyOnceAndStoresOnlyItsHash()
    {
        var created = await CliRunner.RunAsync(Folder, Environment, "apikeys", "create", "ci", "--role", "viewer");
        var revoked = await CliRunner.RunAsync(Folder, Environment, "apikeys", "revoke", "ci");
        var again = await CliRunner.RunAsync(Folder, Environment, "apikeys", "revoke", "ci");

        Assert.Equal(0, created.ExitCode);
        var key = created.Output.Trim();
        Assert.Matches("^mlc_[0-9a-f]{8}_[0-9a-f]{40}$", key);
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT COUNT(*) FROM api_keys WHERE key_hash = '{key}'"));
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(1, again.ExitCode);
    }

    [Fact]
    public async Task Alerts_ListByPhoneAndShow_PrintTheAlertAndItsTimeline()
    {
        var id = await SeedAsync(s => OperatorSeed.AlertAsync(s, "+15550100001"));

        var list = await CliRunner.RunAsync(Folder, Environment, "alerts", "list", "--phone", "555-010-0001", "--state", "failed");
        var other = await CliRunner.RunAsync(Folder, Environment, "alerts", "list", "--phone", "+15550100002");
        var byRecord = await CliRunner.RunAsync(Folder, Environment, "alerts", "list", "--record", "PO-000123", "--person", "approver");
        var show = await CliRunner.RunAsync(Folder, Environment, "alerts", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var missing = await CliRunner.RunAsync(Folder, Environment, "alerts", "show", "999");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("1 alert(s)", list.Output, StringComparison.Ordinal);
        Assert.Contains("PO-000123", list.Output, StringComparison.Ordinal);
        Assert.Contains("0 alert(s)", other.Output, StringComparison.Ordinal);
        Assert.Contains("1 alert(s)", byRecord.Output, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("PO 000123 needs your approval", show.Output, StringComparison.Ordinal);
        Assert.Contains("detected", show.Output, StringComparison.Ordinal);
        Assert.Contains("Supplier = ACME01", show.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
    }

    [Fact]
    public async Task Alerts_SiteTimeZone_ListAndShowPrintTimesOnTheSiteClock()
    {
        _host.UseClock(TestClock.At(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero))).With("Site:TimeZone", "America/Chicago");
        var id = await SeedAsync(s => OperatorSeed.AlertAsync(s, "+15550100001"));

        var list = await CliRunner.RunAsync(Folder, Environment, "alerts", "list");
        var show = await CliRunner.RunAsync(Folder, Environment, "alerts", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("2026-03-02 03:00:00-06:00", list.Output, StringComparison.Ordinal);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("  2026-03-02 03:00:00-06:00  detected", show.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("09:00:00", list.Output + show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditExport_CsvToFile_WritesEveryLineAndReportsProgress()
    {
        await SeedAsync(s => OperatorSeed.AlertAsync(s, "+15550100001"));
        var file = Path.Combine(Folder, "audit.csv");

        var result = await CliRunner.RunAsync(Folder, Environment, "audit", "export", "--from", "2000-01-01", "--to", "2100-01-01",
            "--format", "csv", "--output", file);
        var backwards = await CliRunner.RunAsync(Folder, Environment, "audit", "export", "--from", "2100-01-01", "--to", "2000-01-01");

        Assert.Equal(0, result.ExitCode);
        var lines = await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal("id,company,alert_id,at,kind,actor,detail", lines[0]);
        Assert.Equal(3, lines.Length); // header, detected, queued
        Assert.Contains("done, 2 line(s)", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, backwards.ExitCode);
    }

    [Fact]
    public async Task ConfigValidate_GoodAndBadSettings_ExitZeroOrTwoNamingTheProblem()
    {
        var good = await CliRunner.RunAsync(Folder, Environment, "config", "validate");
        var badEnvironment = Environment;
        badEnvironment["MLC_Storage__CommandTimeout"] = "01:00:00";
        var bad = await CliRunner.RunAsync(Folder, badEnvironment, "config", "validate");

        Assert.Equal(0, good.ExitCode);
        Assert.Contains("Configuration is valid", good.Output, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Storage:CommandTimeout", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRotate_ReencryptsEverySealedValueAndAlertsStayReadable()
    {
        var id = await SeedAsync(s => OperatorSeed.AlertAsync(s, "+15550100001"));

        var rotated = await CliRunner.RunAsync(Folder, Environment, "keys", "rotate");
        var show = await CliRunner.RunAsync(Folder, Environment, "alerts", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, rotated.ExitCode);
        Assert.Contains("Key id 2 is active; 3 value(s) re-encrypted", rotated.Output, StringComparison.Ordinal);
        Assert.Contains("alerts.body: 1 re-encrypted", rotated.Error, StringComparison.Ordinal);
        var blobs = await QueryAsync<byte[]>("SELECT recipient_phone FROM alerts UNION ALL SELECT body FROM alerts " +
            "UNION ALL SELECT sealed_detail FROM audit WHERE sealed_detail IS NOT NULL");
        Assert.All(blobs, b => Assert.Equal(2, FieldProtector.KeyIdOf(b)));
        Assert.Contains("+15550100001", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_AgainstTheSysproSimulator_PrintsTextsAndStoresNothing()
    {
        await using var syspro = await SysproSimulator.StartAsync(new SysproSimulatorOptions { PurchaseOrders = 200 },
            TimeProvider.System, "http://127.0.0.1:0", TestContext.Current.CancellationToken);
        await using var twilio = await MlConnector.Simulators.Twilio.TwilioSimulator.StartAsync(
            new MlConnector.Simulators.Twilio.TwilioSimulatorOptions(), TimeProvider.System, "http://127.0.0.1:0", null,
            TestContext.Current.CancellationToken);
        var environment = _host.WithTwilio(twilio)
            .With("Syspro:OData:BaseUrl", syspro.ODataAddress.AbsoluteUri)
            .With("Syspro:OData:Username", new SysproSimulatorOptions().ODataUser)
            .With("Syspro:OData:Password", new SysproSimulatorOptions().ODataPassword)
            .With("Directory:People:ap:Phone", "+15550100003")
            .With("Directory:People:ap:Groups:0", "accounts-payable")
            .With("Rules:invoice-posted:Recipients:Groups:0", "accounts-payable")
            .With("Rules:po-submitted:Recipients:Groups:0", "accounts-payable")
            .Environment;

        var result = await CliRunner.RunAsync(Folder, environment, "preview", "--look-back", "400.00:00:00", "--limit", "2");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Matches(@"invoice-posted: [1-9]\d* event\(s\), [1-9]\d* text\(s\) shown", result.Output);
        // A status rule previews the orders waiting in its target status now.
        Assert.Matches(@"po-submitted: [1-9]\d* event\(s\), 2 text\(s\) shown", result.Output);
        Assert.Contains("awaits your approval", result.Output, StringComparison.Ordinal);
        Assert.Contains("to ap +15550100003", result.Output, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT COUNT(*) FROM alerts"));
        Assert.Empty(twilio.CreateRequests);
    }

    public void Dispose() => _host.Dispose();

    private async Task<long> SeedAsync(Func<IServiceProvider, Task<long>> seed)
    {
        await using var app = _host.Build();
        app.Services.GetRequiredService<IDbDialect>().Migrate();
        app.Services.GetRequiredService<FieldProtector>().Load(); // the data keys, made as a first start makes them
        return await seed(app.Services);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_host.DatabasePath};Pooling=false");
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_host.DatabasePath};Pooling=false");
        return (await connection.QueryAsync<T>(sql)).ToList();
    }
}
