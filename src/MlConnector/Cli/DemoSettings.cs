using MlConnector.Rules;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Twilio;

namespace MlConnector.Cli;

/// <summary>The demo's configuration: the connector pointed at the in-process simulators, a small recipient
/// directory with made-up numbers, and the PO, requisition and invoice presets polling every few seconds.</summary>
internal static class DemoSettings
{
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
