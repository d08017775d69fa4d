using System.Globalization;
using System.Text.Json.Nodes;

namespace MlConnector.Bench.Harness.Simulators;

/// <summary>
/// The connector's settings for a bench tool: OData against its SYSPRO simulator, its Twilio simulator with a send
/// limit, one person in group <c>bench</c>, and the given presets with that group as recipients and one cadence.
/// Everything else is the product's default (unless <c>holdAbove</c> is given: the rules' <c>HoldAbove</c>, 0 to
/// send every burst). Passwords go in the environment.
/// </summary>
public static class ConnectorSettings
{
    public static JsonObject Create(IEnumerable<string> ruleIds, SimulatorPair simulators, string dataFolder, string keyFile, int cadenceSeconds, int messagesPerSecond,
        int? holdAbove = null)
    {
        var cadence = TimeSpan.FromSeconds(cadenceSeconds).ToString("c", CultureInfo.InvariantCulture);
        var rules = new JsonObject();
        foreach (var rule in ruleIds)
        {
            rules[rule] = new JsonObject
            {
                ["Cadence"] = cadence,
                ["Recipients"] = new JsonObject { ["Groups"] = new JsonArray("bench") },
            };
            if (holdAbove is { } hold)
            {
                rules[rule]!["HoldAbove"] = hold;
            }
        }

        return new JsonObject
        {
            ["Storage"] = new JsonObject { ["DataFolder"] = dataFolder },
            ["Security"] = new JsonObject { ["KeyFile"] = keyFile },
            ["Syspro"] = new JsonObject
            {
                ["Transport"] = "OData",
                ["OData"] = new JsonObject { ["BaseUrl"] = simulators.Syspro.ODataRoot.AbsoluteUri, ["Username"] = "odata" },
            },
            ["Twilio"] = new JsonObject
            {
                ["AccountSid"] = TwilioSimulatorDefaults.AccountSid,
                ["From"] = TwilioSimulatorDefaults.From,
                ["BaseUrl"] = simulators.Twilio.ApiRoot.AbsoluteUri,
                ["MessagesPerSecond"] = messagesPerSecond,
            },
            ["Directory"] = new JsonObject
            {
                ["DefaultRegion"] = "US",
                ["People"] = new JsonObject
                {
                    ["reader"] = new JsonObject { ["Name"] = "Bench Reader", ["Phone"] = TwilioSimulatorDefaults.To, ["Groups"] = new JsonArray("bench") },
                },
            },
            ["Rules"] = rules,
        };
    }
}
