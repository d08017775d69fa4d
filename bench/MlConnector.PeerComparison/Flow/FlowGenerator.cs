using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlConnector.PeerComparison.Flow;

/// <summary>
/// Writes the do-it-yourself Node-RED flow that does ml-connector's job with the same five rules (po-submitted,
/// po-approved, po-cancelled, requisition-approved, invoice-posted): an inject every cadence starts one poll per
/// entity set; http request nodes read OData pages and follow <c>@odata.nextLink</c>; function nodes keep the last
/// status per record in flow context, look up what the texts need, and word them; a delay node in rate mode keeps
/// the Twilio limit; an http request node POSTs each text to the Messages API with HTTP Basic. The function
/// nodes' code is in <c>Flow/Template/*.js</c>; addresses and credentials come from the environment.
/// </summary>
internal static class FlowGenerator
{
    private const string Tab = "a1c0000000000001";

    public static void Write(string userDirectory, int cadenceSeconds, int messagesPerSecond)
    {
        Directory.CreateDirectory(userDirectory);
        File.WriteAllText(Path.Combine(userDirectory, "settings.js"), Template("settings.js"));
        var flow = Generate(cadenceSeconds, messagesPerSecond);
        File.WriteAllText(Path.Combine(userDirectory, "flows.json"), flow.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static JsonArray Generate(int cadenceSeconds, int messagesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cadenceSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(messagesPerSecond, 1);
        return
        [
            new JsonObject
            {
                ["id"] = Tab, ["type"] = "tab", ["label"] = "SYSPRO to Twilio (peer of ml-connector)", ["disabled"] = false,
                ["info"] = "Polls SYSPRO over OData every " + cadenceSeconds + " s and texts through Twilio on the transitions of five rules.",
            },
            Node("a1c0000000000002", "inject", "every cadence", 120, 80, ["a1c0000000000003"], new()
            {
                ["props"] = new JsonArray(new JsonObject { ["p"] = "payload" }),
                ["repeat"] = cadenceSeconds.ToString(CultureInfo.InvariantCulture),
                ["crontab"] = "", ["once"] = true, ["onceDelay"] = "0.5", ["topic"] = "", ["payload"] = "", ["payloadType"] = "date",
            }),
            Function("a1c0000000000003", "start polls", "start-polls.js", 320, 80, ["a1c0000000000004"]),
            HttpRequest("a1c0000000000004", "GET page", 520, 80, ["a1c0000000000005"]),
            Function("a1c0000000000005", "process page", "process-page.js", 720, 80, ["a1c0000000000004"], ["a1c0000000000006"]),
            Function("a1c0000000000006", "enrich", "enrich.js", 320, 200, ["a1c0000000000007"], ["a1c0000000000009"]),
            HttpRequest("a1c0000000000007", "GET lookup", 520, 200, ["a1c0000000000008"]),
            Function("a1c0000000000008", "lookup result", "lookup-result.js", 720, 200, ["a1c0000000000006"]),
            Function("a1c0000000000009", "compose text", "compose-text.js", 320, 320, ["a1c000000000000a"]),
            Node("a1c000000000000a", "delay", "Twilio rate limit", 520, 320, ["a1c000000000000b"], new()
            {
                ["pauseType"] = "rate", ["timeout"] = "5", ["timeoutUnits"] = "seconds",
                ["rate"] = messagesPerSecond.ToString(CultureInfo.InvariantCulture), ["nbRateUnits"] = "1", ["rateUnits"] = "second",
                ["randomFirst"] = "1", ["randomLast"] = "5", ["randomUnits"] = "seconds", ["drop"] = false, ["allowrate"] = false,
                ["outputs"] = 1,
            }),
            Function("a1c000000000000b", "Twilio request", "twilio-request.js", 720, 320, ["a1c000000000000c"]),
            HttpRequest("a1c000000000000c", "POST message", 920, 320, ["a1c000000000000d"]),
            Function("a1c000000000000d", "check send", "check-send.js", 1120, 320),
        ];
    }

    private static JsonObject Function(string id, string name, string code, int x, int y, params string[][] outputs)
    {
        var wires = outputs.Length == 0 ? [Array.Empty<string>()] : outputs;
        return Node(id, "function", name, x, y, null, new()
        {
            ["func"] = Template(code), ["outputs"] = wires.Length, ["timeout"] = 0, ["noerr"] = 0,
            ["initialize"] = "", ["finalize"] = "", ["libs"] = new JsonArray(),
        }, wires);
    }

    private static JsonObject HttpRequest(string id, string name, int x, int y, string[] next) =>
        Node(id, "http request", name, x, y, next, new()
        {
            // URL, method and headers come with each message; keep-alive connections ("persist"); answers parsed as JSON.
            ["method"] = "use", ["ret"] = "obj", ["paytoqs"] = "ignore", ["url"] = "", ["tls"] = "", ["persist"] = true,
            ["proxy"] = "", ["insecureHTTPParser"] = false, ["authType"] = "", ["senderr"] = false, ["headers"] = new JsonArray(),
        });

    private static JsonObject Node(string id, string type, string name, int x, int y, string[]? next,
        Dictionary<string, JsonNode?> properties, string[][]? wires = null)
    {
        var node = new JsonObject { ["id"] = id, ["type"] = type, ["z"] = Tab, ["name"] = name };
        foreach (var (key, value) in properties)
        {
            node[key] = value;
        }

        node["x"] = x;
        node["y"] = y;
        var all = wires ?? [next ?? []];
        node["wires"] = new JsonArray(all.Select(w => (JsonNode)new JsonArray(w.Select(t => (JsonNode)JsonValue.Create(t)).ToArray())).ToArray());
        return node;
    }

    private static string Template(string name)
    {
        using var stream = typeof(FlowGenerator).Assembly.GetManifestResourceStream("Flow." + name)
            ?? throw new InvalidOperationException($"The flow template {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
