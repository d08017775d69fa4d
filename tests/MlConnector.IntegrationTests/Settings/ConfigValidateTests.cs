using MlConnector.IntegrationTests.Infrastructure;

namespace MlConnector.IntegrationTests.Settings;

/// <summary>
/// <c>config validate</c> against every kind of mistake a settings file can hold: each exits 2 with a line that names
/// the setting (<c>ml-connector: Rules:po-submitted:Cadence: ...</c>) and no stack trace, and the valid base exits 0.
/// In-process (the executable's own entry), so the many cases stay fast.
/// </summary>
public sealed class ConfigValidateTests
{
    public static readonly TheoryData<string, string, string> Mistakes = new()
    {
        // Rules: values that do not parse never drop the rule.
        { "duration in words", """{ "Rules": { "po-submitted": { "Cadence": "15 minutes" } } }""", "Rules:po-submitted:Cadence: '15 minutes' is not a duration; write 00:15:00" },
        { "duration with a unit", """{ "Rules": { "po-submitted": { "Cadence": "15m" } } }""", "Rules:po-submitted:Cadence: '15m' is not a duration; write 00:15:00" },
        { "bare number as duration", """{ "Rules": { "po-submitted": { "Cadence": "15" } } }""", "Rules:po-submitted:Cadence: '15' is not a duration" },
        { "JSON number as duration", """{ "Rules": { "po-submitted": { "Cadence": 900 } } }""", "Rules:po-submitted:Cadence: '900' is not a duration" },
        { "cadence out of range", """{ "Rules": { "po-submitted": { "Cadence": "00:00:01" } } }""", "Rules:po-submitted:Cadence:" },
        { "yes for a boolean", """{ "Rules": { "po-submitted": { "Enabled": "yes" } } }""", "Rules:po-submitted:Enabled: 'yes' is not true or false" },
        { "rule written as a string", """{ "Rules": { "po-submitted": "on" } }""", "Rules:po-submitted: 'on' is a single value" },
        { "Rules written as a string", """{ "Rules": "po-submitted" }""", "Rules: 'po-submitted' is a single value" },
        { "Groups written as a string", """{ "Rules": { "po-submitted": { "Recipients": { "Groups": "approvers" } } } }""", "Rules:po-submitted:Recipients:Groups: 'approvers' is a single value; write a list" },
        { "Recipients written as a string", """{ "Rules": { "invoice-posted": { "Recipients": "approvers" } } }""", "Rules:invoice-posted:Recipients: 'approvers' is a single value" },
        { "threshold amount in words", """{ "Rules": { "po-submitted": { "Recipients": { "Thresholds": [ { "Field": "TotalValue", "Above": "10k", "Groups": [ "directors" ] } ] } } } }""", "Rules:po-submitted:Recipients:Thresholds:0:Above: '10k' is not a number" },
        { "thresholds as a section", """{ "Rules": { "po-submitted": { "Recipients": { "Thresholds": { "Field": "Total" } } } } }""", "Rules:po-submitted:Recipients:Thresholds: is a section" },
        { "unknown transport", """{ "Rules": { "po-submitted": { "Transport": "Rest" } } }""", "Rules:po-submitted:Transport: 'Rest' is not OData or Enet" },
        { "watermark slip", """{ "Rules": { "invoice-posted": { "Watermark": "Dates" } } }""", "Rules:invoice-posted:Watermark: 'Dates' is not None, RowVersion or Date; did you mean 'Date'?" },
        { "overlap in words", """{ "Rules": { "invoice-posted": { "WatermarkOverlap": "1 day" } } }""", "Rules:invoice-posted:WatermarkOverlap: '1 day' is not a duration; write 1.00:00:00" },
        { "backfill in words", """{ "Rules": { "invoice-posted": { "Backfill": "yesterday" } } }""", "Rules:invoice-posted:Backfill: 'yesterday' is not a duration" },
        { "misspelled preset", """{ "Rules": { "big-orders": { "Preset": "po-submited", "Recipients": { "Groups": [ "directors" ] } } } }""", "Rules:big-orders:Preset: 'po-submited' is not po-submitted, po-approved, po-cancelled, requisition-approved, invoice-posted, invoice-posted-gl, supplier-payment or gl-journal-posted; did you mean 'po-submitted'?" },
        { "unknown enrichment", """{ "Rules": { "invoice-posted": { "Enrich": [ "Suppliers" ] } } }""", "Rules:invoice-posted:Enrich:0: 'Suppliers' is not Supplier, PoLines or Buyer; did you mean 'Supplier'?" },
        { "template field nobody provides", """{ "Rules": { "po-submitted": { "Template": "PO {{ PurchaseOrder }} from {{ SuplierName }}" } } }""", "Rules:po-submitted:Template: 'SuplierName' is not a field of this rule; did you mean 'SupplierName'?" },
        { "template field far from any", """{ "Rules": { "po-submitted": { "Template": "PO {{ Colour }}" } } }""", "Rules:po-submitted:Template: 'Colour' is not a field of this rule (the template can use:" },
        { "template that does not compile", """{ "Rules": { "po-submitted": { "Template": "{% if %}" } } }""", "Rules:po-submitted:Template: the template does not compile" },
        { "threshold on a field nobody provides", """{ "Rules": { "invoice-posted": { "Recipients": { "Thresholds": [ { "Field": "TotalValue", "Above": 5, "Groups": [ "directors" ] } ] } } } }""", "Rules:invoice-posted:Recipients:Thresholds:0:Field: 'TotalValue' is not a field of this rule" },
        { "transitions written as a string", """{ "Rules": { "po-submitted": { "Transitions": "*->1" } } }""", "Rules:po-submitted:Transitions: '*->1' is a single value; write a list" },
        { "unknown key in a rule", """{ "Rules": { "po-submitted": { "Cadance": "00:05:00" } } }""", "Rules:po-submitted:Cadance: is not a setting; did you mean 'Cadence'?" },
        { "unknown company", """{ "Rules": { "po-submitted": { "Company": "east" } } }""", "Rules:po-submitted:Company: there is no company 'east'" },
        { "nobody to text", """{ "Rules": { "po-approved": { "Enabled": true } } }""", "Rules:po-approved:Recipients:" },

        // Storage.
        { "unknown provider", """{ "Storage": { "Provider": "Oracle" } }""", "Storage:Provider: 'Oracle' is not Sqlite or Postgres" },
        { "provider slip", """{ "Storage": { "Provider": "Postgress" } }""", "Storage:Provider: 'Postgress' is not Sqlite or Postgres; did you mean 'Postgres'?" },
        { "timeout with a unit", """{ "Storage": { "CommandTimeout": "30s" } }""", "Storage:CommandTimeout: '30s' is not a duration; write 00:00:30" },
        { "timeout out of range", """{ "Storage": { "CommandTimeout": "01:00:00" } }""", "Storage:CommandTimeout: '01:00:00' must be between 00:00:01 and 00:10:00" },
        { "postgres without connection string", """{ "Storage": { "Provider": "Postgres" } }""", "Storage:ConnectionString is required when Storage:Provider is Postgres" },
        { "connection string that does not read", """{ "Storage": { "Provider": "Postgres", "ConnectionString": "Hots=db;Database=x" } }""", "Storage:ConnectionString: is not a Postgres connection string" },
        { "unknown key in Storage", """{ "Storage": { "DatFolder": "x" } }""", "Storage:DatFolder: is not a setting; did you mean 'DataFolder'?" },

        // Security, Polling, Outbox.
        { "unknown key in Security", """{ "Security": { "KeyFle": "x" } }""", "Security:KeyFle: is not a setting; did you mean 'KeyFile'?" },
        { "polling switch in words", """{ "Polling": { "Enabled": "sometimes" } }""", "Polling:Enabled: 'sometimes' is not true or false" },
        { "jitter out of range", """{ "Polling": { "StartJitter": "2.00:00:00" } }""", "Polling:StartJitter: '2.00:00:00' must be between 00:00:00 and 1.00:00:00" },
        { "lease with a unit", """{ "Polling": { "LeaseDuration": "1m" } }""", "Polling:LeaseDuration: '1m' is not a duration; write 00:01:00" },
        { "unknown key in Polling", """{ "Polling": { "Intervall": "00:01:00" } }""", "Polling:Intervall: is not a setting" },
        { "concurrency in words", """{ "Outbox": { "MaxConcurrency": "four" } }""", "Outbox:MaxConcurrency: 'four' is not a whole number" },
        { "concurrency out of range", """{ "Outbox": { "MaxConcurrency": 0 } }""", "Outbox:MaxConcurrency: '0' must be between 1 and 64" },
        { "poll interval with a unit", """{ "Outbox": { "PollInterval": "1s" } }""", "Outbox:PollInterval: '1s' is not a duration; write 00:00:01" },
        { "lease shorter than a request", """{ "Outbox": { "LeaseDuration": "00:00:20" } }""", "Outbox:LeaseDuration: '00:00:20' must be longer than Twilio:RequestTimeout" },
        { "unknown key in Outbox", """{ "Outbox": { "LeaseDuraton": "00:02:00" } }""", "Outbox:LeaseDuraton: is not a setting; did you mean 'LeaseDuration'?" },

        // Twilio.
        { "rate in words", """{ "Twilio": { "MessagesPerSecond": "fast" } }""", "Twilio:MessagesPerSecond: 'fast' is not a whole number" },
        { "attempts out of range", """{ "Twilio": { "MaxAttempts": 0 } }""", "Twilio:MaxAttempts: '0' must be between 1 and 100" },
        { "base URL without scheme", """{ "Twilio": { "BaseUrl": "api.twilio.com" } }""", "Twilio:BaseUrl: 'api.twilio.com' is not a URL" },
        { "real Twilio over http", """{ "Twilio": { "BaseUrl": "https://api.twilio.com", "PublicBaseUrl": "http://alerts.example.com/" } }""", "Twilio:PublicBaseUrl: 'http://alerts.example.com/' must be an https address with the real Twilio API" },
        { "real Twilio without a public address", """{ "Twilio": { "BaseUrl": "https://api.twilio.com" } }""", "Twilio:PublicBaseUrl is required with the real Twilio API" },
        { "sender that is not a number", """{ "Twilio": { "From": "+1 555-0100" } }""", "Twilio:From: '+1 555-0100' is not a phone number in E.164 form" },
        { "token missing", """{ "Twilio": { "AuthToken": null } }""", "Twilio:AuthToken is required when Twilio:AccountSid is set" },
        { "API key without its secret", """{ "Twilio": { "ApiKeySid": "SK00000000000000000000000000000000" } }""", "Twilio:ApiKeySid and Twilio:ApiKeySecret go together" },
        { "unknown key in Twilio", """{ "Twilio": { "AuthTokn": "x" } }""", "Twilio:AuthTokn: is not a setting; did you mean 'AuthToken'?" },
        { "validity beyond Twilio's limit", """{ "Twilio": { "ValidityPeriod": "11:00:00" } }""", "Twilio:ValidityPeriod: '11:00:00' must be between 00:00:01 and 10:00:00" },
        { "backoff cap below base", """{ "Twilio": { "BackoffBase": "00:01:00", "BackoffCap": "00:00:30" } }""", "Twilio:BackoffCap: '00:00:30' must be at least Twilio:BackoffBase" },

        // Site: the time zone and the formats texts, the dashboard and the CLI show.
        { "time zone slip", """{ "Site": { "TimeZone": "Europe/Berln" } }""", "Site:TimeZone: 'Europe/Berln' is not a time zone; write an IANA time zone id" },
        { "time zone as an offset", """{ "Site": { "TimeZone": "+02:00" } }""", "Site:TimeZone: '+02:00' is not a time zone" },
        { "culture that does not exist", """{ "Site": { "Culture": "en-XX" } }""", "Site:Culture: 'en-XX' is not a culture" },
        { "date format without the day", """{ "Site": { "DateFormat": "MMMM yyyy" } }""", "Site:DateFormat: 'MMMM yyyy' does not show the year, the month and the day" },
        { "currency position slip", """{ "Site": { "CurrencyPosition": "Infront" } }""", "Site:CurrencyPosition: 'Infront' is not After or Before" },
        { "unknown key in Site", """{ "Site": { "TimeZon": "UTC" } }""", "Site:TimeZon: is not a setting; did you mean 'TimeZone'?" },

        // SYSPRO and further companies.
        { "unknown default transport", """{ "Syspro": { "Transport": "REST" } }""", "Syspro:Transport: 'REST' is not OData or Enet" },
        { "OData root that is not a URL", """{ "Syspro": { "OData": { "BaseUrl": "erp/odata" } } }""", "Syspro:OData:BaseUrl: 'erp/odata' is not a URL" },
        { "OData without its password", """{ "Syspro": { "OData": { "Password": null } } }""", "Syspro:OData:Password is required with Syspro:OData:BaseUrl" },
        { "e.net without its password", """{ "Syspro": { "Enet": { "BaseUrl": "http://127.0.0.1:9/SYSPROWCFService/Rest/", "Operator": "MLC", "CompanyId": "A" } } }""", "Syspro:Enet:OperatorPassword is required with Syspro:Enet:BaseUrl" },
        { "probe operator without its password", """{ "Syspro": { "Enet": { "ProbeOperator": "PROBE" } } }""", "Syspro:Enet:ProbeOperatorPassword is required with Syspro:Enet:ProbeOperator" },
        { "idle timeout as a bare number", """{ "Syspro": { "Enet": { "IdleTimeout": "20" } } }""", "Syspro:Enet:IdleTimeout: '20' is not a duration" },
        { "refresh margin beyond the idle timeout", """{ "Syspro": { "Enet": { "IdleTimeout": "00:05:00", "RefreshMargin": "00:10:00" } } }""", "Syspro:Enet:RefreshMargin: '00:10:00' must be shorter than Syspro:Enet:IdleTimeout" },
        { "page size in words", """{ "Syspro": { "OData": { "PageSize": "lots" } } }""", "Syspro:OData:PageSize: 'lots' is not a whole number" },
        { "request timeout out of range", """{ "Syspro": { "Enet": { "Timeout": "00:20:00" } } }""", "Syspro:Enet:Timeout: '00:20:00' must be between 00:00:01 and 00:10:00" },
        { "unknown key in Syspro", """{ "Syspro": { "ODate": { } } }""", "Syspro:ODate: is not a setting; did you mean 'OData'?" },
        { "unknown key in a company", """{ "Companies": { "east": { "Syspro": { "Transprt": "Enet" } } } }""", "Companies:east:Syspro:Transprt: is not a setting; did you mean 'Transport'?" },
        { "company without its password", """{ "Companies": { "east": { "Syspro": { "OData": { "BaseUrl": "http://127.0.0.1:9/odata/", "Username": "u" } } } } }""", "Companies:east:Syspro:OData:Password is required with Companies:east:Syspro:OData:BaseUrl" },
        { "company written as a string", """{ "Companies": { "east": "East Coast" } }""", "Companies:east: 'East Coast' is a single value" },

        // Directory.
        { "region that is not a region", """{ "Directory": { "DefaultRegion": "USA" } }""", "Directory:DefaultRegion: 'USA' is not a region code" },
        { "phone that is not a number", """{ "Directory": { "People": { "jane": { "Phone": "call me" } } } }""", "Directory:People:jane:Phone: not a phone number" },
        { "phone too short", """{ "Directory": { "People": { "jane": { "Phone": "+1 555" } } } }""", "Directory:People:jane:Phone:" },
        { "phone without a country code abroad", """{ "Directory": { "DefaultRegion": "ZZ" } }""", "Directory:DefaultRegion: 'ZZ' is not a region code" },
        { "person's groups as a string", """{ "Directory": { "People": { "jane": { "Groups": "approvers" } } } }""", "Directory:People:jane:Groups: 'approvers' is a single value; write a list" },
        { "unknown key of a person", """{ "Directory": { "People": { "jane": { "Phon": "+15550100001" } } } }""", "Directory:People:jane:Phon: is not a setting; did you mean 'Phone'?" },
        { "route to nobody", """{ "Directory": { "Routes": { "Buyer": { "B01": "janet" } } } }""", "Directory:Routes:Buyer:B01: 'janet' is neither a person nor a group" },
        { "people written as a string", """{ "Directory": { "People": "jane" } }""", "Directory:People: 'jane' is a single value" },

        // The file's top level.
        { "misspelled section", """{ "Twillio": { "AuthToken": "x" } }""", "Twillio: is not a section of the settings" },
        { "singular section", """{ "Rule": { } }""", "Rule: is not a section of the settings" },
        { "unknown section", """{ "Foo": 1 }""", "Foo: is not a section of the settings" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task ConfigValidate_Mistake_Exits2WithALineNamingTheSetting(string kind, string change, string line)
    {
        using var folder = new SettingsFolder();

        var result = await InProcessCli.RunAsync(folder.ValidateArguments(change));

        Assert.True(result.ExitCode == 2, $"{kind}: exit {result.ExitCode}\n{result.Output}{result.Error}");
        Assert.Contains($"ml-connector: {line}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a missing comma", "{ \"Storage\": { \"DataFolder\": \"data\" }\n  \"Rules\": { } }", "line 2, position 3: is not valid JSON")]
    [InlineData("an unterminated string", "{\n  \"Storage\": { \"DataFolder\": \"data } }", "line 2, position")]
    [InlineData("a trailing brace", "{ \"Storage\": { } } }", "line 1, position 20: is not valid JSON")]
    public async Task ConfigValidate_MalformedJson_SaysTheFileLineAndPosition(string kind, string text, string where)
    {
        using var folder = new SettingsFolder();

        var result = await InProcessCli.RunAsync(folder.ValidateArguments(text, raw: true));

        Assert.True(result.ExitCode == 2, $"{kind}: exit {result.ExitCode}\n{result.Error}");
        Assert.Contains($"settings.json: {where}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Storage:CommandTimeout=abc", "Storage:CommandTimeout: 'abc' is not a duration")]
    [InlineData("--Twillio:AuthToken=x", "Twillio: is not a section of the settings (in the command line); did you mean 'Twilio'?")]
    public async Task ConfigValidate_MistakeOnTheCommandLine_NamesTheSetting(string setting, string line)
    {
        using var folder = new SettingsFolder();

        var result = await InProcessCli.RunAsync(folder.ValidateArguments(extra: setting));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"ml-connector: {line}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigValidate_SeveralMistakes_ListsEveryOneBeforeExiting()
    {
        using var folder = new SettingsFolder();

        var result = await InProcessCli.RunAsync(folder.ValidateArguments(
            """{ "Storage": { "CommandTimeout": "30s" }, "Twilio": { "MaxAttempts": "many" }, "Rules": { "po-submitted": { "Cadence": "5m" } } }"""));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ml-connector: Storage:CommandTimeout:", result.Error, StringComparison.Ordinal);
        Assert.Contains("ml-connector: Twilio:MaxAttempts:", result.Error, StringComparison.Ordinal);
        Assert.Contains("ml-connector: Rules:po-submitted:Cadence:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigValidate_ValidSettings_Exits0()
    {
        using var folder = new SettingsFolder();

        var result = await InProcessCli.RunAsync(folder.ValidateArguments());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Configuration is valid: 2 rule(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains($"ml-connector: database: SQLite file {Path.Combine(folder.DataFolder, "ml-connector.db")}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigValidate_FieldThatMayBeEmpty_IsNotAMistake()
    {
        using var folder = new SettingsFolder();

        // Warehouse is a column the rule reads; for some orders it is blank, which is no reason to refuse the rule.
        var result = await InProcessCli.RunAsync(folder.ValidateArguments(
            """{ "Rules": { "po-submitted": { "Template": "PO {{ PurchaseOrder }} for {{ Warehouse | default: 'any' }}, {% assign n = LineCount %}{{ n }} lines" } } }"""));

        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Fact]
    public async Task ConfigValidate_MissingConfigFile_Exits2NamingIt()
    {
        using var folder = new SettingsFolder();
        var missing = Path.Combine(folder.Path, "nope.json");

        var result = await InProcessCli.RunAsync("config", "validate", "--config", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"ml-connector: --config: '{missing}' does not exist", result.Error, StringComparison.Ordinal);
    }
}
