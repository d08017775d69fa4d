using MlConnector.Rules;

namespace MlConnector.Cli.Init;

/// <summary>A person who gets texts: id in the directory, name, phone (E.164) and groups.</summary>
internal sealed record PersonAnswer(string Id, string Name, string Phone, IReadOnlyList<string> Groups);

/// <summary>A route from a SYSPRO code to a person or group, e.g. Buyer B01 to jane.</summary>
internal sealed record RouteAnswer(string Column, string Code, string Target);

/// <summary>A preset switched on, with who gets its texts: person ids, group names, or <c>route:COLUMN</c>.</summary>
internal sealed record PresetAnswer(string Id, IReadOnlyList<string> Targets)
{
    public const string RoutePrefix = "route:";
}

/// <summary>
/// Everything <c>ml-connector init</c> asks, as the settings it becomes: <see cref="Settings"/> (what goes into the
/// settings file) and <see cref="Secrets"/> (what goes into the environment file, never into the settings file).
/// </summary>
internal sealed class SetupAnswers
{
    public SysproTransport Transport { get; set; } = SysproTransport.OData;
    public string? ODataUrl { get; set; }
    public string? ODataUser { get; set; }
    public string? ODataPassword { get; set; }
    public string? EnetUrl { get; set; }
    public string? EnetOperator { get; set; }
    public string? EnetPassword { get; set; }
    public string? EnetCompany { get; set; }
    public string? EnetCompanyPassword { get; set; }
    public string? ProbeOperator { get; set; }
    public string? ProbePassword { get; set; }
    public string? IdleTimeout { get; set; }

    public string Region { get; set; } = "US";
    public List<PersonAnswer> People { get; } = [];
    public List<RouteAnswer> Routes { get; } = [];
    public List<PresetAnswer> Presets { get; } = [];

    public string? TwilioAccountSid { get; set; }
    public string? TwilioAuthToken { get; set; }
    public string? TwilioApiKeySid { get; set; }
    public string? TwilioApiKeySecret { get; set; }
    public string? TwilioFrom { get; set; }
    public string? TwilioMessagingServiceSid { get; set; }
    public string? PublicBaseUrl { get; set; }
    public string? TwilioBaseUrl { get; set; }

    public string? DataFolder { get; set; }
    public string? KeyFile { get; set; }
    public string? MasterKey { get; set; }

    /// <summary>The settings file's content as configuration keys (no secret among them).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Settings()
    {
        var s = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                s.Add(new(key, value.Trim()));
            }
        }

        void AddList(string key, IEnumerable<string> values)
        {
            var i = 0;
            foreach (var value in values)
            {
                Add($"{key}:{i++}", value);
            }
        }

        Add("Storage:DataFolder", DataFolder);
        Add("Security:KeyFile", KeyFile);
        Add("Syspro:Transport", Transport.ToString());
        if (Transport == SysproTransport.OData)
        {
            Add("Syspro:OData:BaseUrl", ODataUrl);
            Add("Syspro:OData:Username", ODataUser);
        }
        else
        {
            Add("Syspro:Enet:BaseUrl", EnetUrl);
            Add("Syspro:Enet:Operator", EnetOperator);
            Add("Syspro:Enet:CompanyId", EnetCompany);
            Add("Syspro:Enet:ProbeOperator", ProbeOperator);
            Add("Syspro:Enet:IdleTimeout", IdleTimeout);
        }

        Add("Twilio:AccountSid", TwilioAccountSid);
        Add("Twilio:ApiKeySid", TwilioApiKeySid);
        Add("Twilio:From", TwilioFrom);
        Add("Twilio:MessagingServiceSid", TwilioMessagingServiceSid);
        Add("Twilio:PublicBaseUrl", PublicBaseUrl);
        Add("Twilio:BaseUrl", TwilioBaseUrl);

        Add("Directory:DefaultRegion", Region);
        foreach (var p in People)
        {
            Add($"Directory:People:{p.Id}:Name", p.Name);
            Add($"Directory:People:{p.Id}:Phone", p.Phone);
            AddList($"Directory:People:{p.Id}:Groups", p.Groups);
        }

        foreach (var r in Routes)
        {
            Add($"Directory:Routes:{r.Column}:{r.Code}", r.Target);
        }

        foreach (var preset in Presets)
        {
            var routes = preset.Targets.Where(t => t.StartsWith(PresetAnswer.RoutePrefix, StringComparison.OrdinalIgnoreCase)).ToList();
            var people = preset.Targets.Except(routes).Where(t => People.Any(p => p.Id.Equals(t, StringComparison.OrdinalIgnoreCase))).ToList();
            AddList($"Rules:{preset.Id}:Recipients:People", people);
            AddList($"Rules:{preset.Id}:Recipients:Groups", preset.Targets.Except(routes).Except(people));
            AddList($"Rules:{preset.Id}:Recipients:RouteBy", routes.Select(r => r[PresetAnswer.RoutePrefix.Length..]));
        }

        return s;
    }

    /// <summary>The secrets as configuration keys (the environment file writes them as MLC_ variables).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Secrets()
    {
        var secrets = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                secrets.Add(new(key, value));
            }
        }

        if (Transport == SysproTransport.OData)
        {
            Add("Syspro:OData:Password", ODataPassword);
        }
        else
        {
            Add("Syspro:Enet:OperatorPassword", EnetPassword);
            Add("Syspro:Enet:CompanyPassword", EnetCompanyPassword);
            Add("Syspro:Enet:ProbeOperatorPassword", ProbePassword);
        }

        Add("Twilio:AuthToken", TwilioAuthToken);
        Add("Twilio:ApiKeySecret", TwilioApiKeySecret);
        return secrets;
    }

    /// <summary>Settings and secrets together: what the checks run with (never written anywhere).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Everything() =>
        Settings().Concat(Secrets().Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
}
