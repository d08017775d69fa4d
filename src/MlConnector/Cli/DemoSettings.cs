using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlConnector.Rules;
using MlConnector.Settings;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Twilio;

namespace MlConnector.Cli;

/// <summary>The demo's configuration: the connector pointed at the in-process simulators, a small recipient
/// directory with made-up numbers, and the PO, requisition, invoice and supplier-payment presets polling every few
/// seconds.</summary>
internal static class DemoSettings
{
    /// <summary>The demo's folder where it runs unless --folder says otherwise.</summary>
    public const string DefaultFolder = "ml-connector-demo";

    public const string FileName = "settings.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The settings file of a demo folder in <paramref name="folder"/>, when there is one.</summary>
    public static string? FileBeside(string folder)
    {
        var file = Path.Combine(folder, DefaultFolder, FileName);
        return File.Exists(file) ? file : null;
    }

    /// <summary>Writes the settings as a JSON settings file (colon paths become sections, 0, 1... become lists), with
    /// the schema beside the executable named for editors.</summary>
    public static string Write(string folder, IReadOnlyDictionary<string, string?> settings)
    {
        var root = new JsonObject();
        var schema = Path.Combine(AppContext.BaseDirectory, SettingsSchema.FileName);
        if (File.Exists(schema))
        {
            root["$schema"] = new Uri(schema).AbsoluteUri;
        }

        foreach (var (key, value) in settings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            node[parts[^1]] = value;
        }

        var file = Path.Combine(folder, FileName);
        Directory.CreateDirectory(folder);
        File.WriteAllText(file, Lists(root)!.ToJsonString(Indented) + Environment.NewLine);
        return file;
    }

    // A section whose keys are 0, 1, 2... is a list.
    private static JsonNode? Lists(JsonNode? node)
    {
        if (node is not JsonObject section)
        {
            return node;
        }

        var children = section.Select(kv => (kv.Key, Value: Lists(kv.Value?.DeepClone()))).ToList();
        if (children.Count > 0 && children.Select((c, i) => c.Key == i.ToString(CultureInfo.InvariantCulture)).All(x => x))
        {
            return new JsonArray([.. children.Select(c => c.Value)]);
        }

        var result = new JsonObject();
        foreach (var (key, value) in children)
        {
            result[key] = value;
        }

        return result;
    }

    public static Dictionary<string, string?> For(string folder, string keyFile, SysproSimulator syspro, TwilioSimulator twilio,
        string connectorUrl, TimeSpan cadence)
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = connectorUrl,
            ["Storage:DataFolder"] = Path.Combine(folder, "data"),
            ["Security:KeyFile"] = keyFile,
            ["Polling:StartJitter"] = "00:00:02",
            ["Syspro:Transport"] = "OData",
        };
        foreach (var (key, value) in SimulatorSettings.Syspro(syspro).Concat(SimulatorSettings.Twilio(twilio)))
        {
            settings[key] = value;
        }

        Person(settings, "alex", "Alex Approver", "+15550100001", "approvers");
        Person(settings, "dana", "Dana Director", "+15550100004", "approvers");
        Person(settings, "pat", "Pat Procurement", "+15550100002", "procurement");
        Person(settings, "ap", "Accounts Payable desk", "+15550100003", "accounts-payable");
        Rule(settings, RulePresets.PoSubmitted, "approvers", cadence);
        Rule(settings, RulePresets.PoApproved, "procurement", cadence);
        Rule(settings, RulePresets.RequisitionApproved, "procurement", cadence);
        Rule(settings, RulePresets.InvoicePosted, "accounts-payable", cadence);
        Rule(settings, RulePresets.SupplierPayment, "accounts-payable", cadence);
        return settings;
    }

    private static void Person(Dictionary<string, string?> settings, string id, string name, string phone, string group)
    {
        settings[$"Directory:People:{id}:Name"] = name;
        settings[$"Directory:People:{id}:Phone"] = phone;
        settings[$"Directory:People:{id}:Groups:0"] = group;
    }

    private static void Rule(Dictionary<string, string?> settings, string id, string group, TimeSpan cadence)
    {
        settings[$"Rules:{id}:Recipients:Groups:0"] = group;
        settings[$"Rules:{id}:Cadence"] = cadence.ToString();
    }
}
