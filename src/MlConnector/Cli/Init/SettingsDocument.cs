using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlConnector.Rules;
using MlConnector.Settings;

namespace MlConnector.Cli.Init;

/// <summary>
/// The settings file <c>init</c> writes: JSON with <c>//</c> comments (the settings loader,
/// Microsoft.Extensions.Configuration.Json, skips comments), <c>$schema</c> first so editors check the file against
/// the settings schema beside it, and a comment before each section saying what it is and where its secrets are.
/// </summary>
internal static class SettingsDocument
{
    public const string SchemaFileName = SettingsSchema.FileName;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // A file for people: keep '+' in phone numbers and accents in names readable (this is no HTML page).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(SetupAnswers answers, string envFileName, string settingsFileName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var root = Nest(answers.Settings());
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"// ml-connector settings, written by `ml-connector init` on {now:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine(CultureInfo.InvariantCulture, $"// No password, token or key is in this file: they are in {envFileName} (MLC_ environment variables).");
        text.AppendLine("// Check it before you start the service (README, \"Before you start\"):");
        text.AppendLine(CultureInfo.InvariantCulture, $"//   set -a; . ./{envFileName}; set +a        (systemd: EnvironmentFile=; Windows: the service's environment)");
        text.AppendLine(CultureInfo.InvariantCulture, $"//   ml-connector config validate --config {settingsFileName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"//   ml-connector ping --config {settingsFileName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"//   ml-connector preview --config {settingsFileName}");
        text.AppendLine("{");
        text.Append(CultureInfo.InvariantCulture, $"  \"$schema\": \"./{SchemaFileName}\"");
        foreach (var (section, value) in root)
        {
            text.AppendLine(",");
            text.AppendLine();
            foreach (var line in Comment(section, answers, envFileName))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  // {line}");
            }

            var json = value!.ToJsonString(Indented).Replace("\n", "\n  ", StringComparison.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"  {JsonSerializer.Serialize(section)}: {json}");
        }

        text.AppendLine();
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>Configuration keys (<c>A:B:0</c>) as nested JSON; children named 0, 1, 2... become an array.</summary>
    public static JsonObject Nest(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var root = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            var node = root;
            var parts = key.Split(':');
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!node.TryGetValue(parts[i], out var child))
                {
                    node[parts[i]] = child = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
                }

                node = (Dictionary<string, object>)child;
            }

            node[parts[^1]] = value ?? "";
        }

        return (JsonObject)ToNode(root);
    }

    private static JsonNode ToNode(object value)
    {
        if (value is not Dictionary<string, object> children)
        {
            return JsonValue.Create((string)value)!;
        }

        var indexes = Enumerable.Range(0, children.Count).Select(i => i.ToString(CultureInfo.InvariantCulture));
        if (children.Count > 0 && children.Keys.Order(StringComparer.Ordinal).SequenceEqual(indexes.Order(StringComparer.Ordinal)))
        {
            return new JsonArray([.. Enumerable.Range(0, children.Count).Select(i => ToNode(children[i.ToString(CultureInfo.InvariantCulture)]))]);
        }

        var obj = new JsonObject();
        foreach (var (key, child) in children)
        {
            obj[key] = ToNode(child);
        }

        return obj;
    }

    private static IEnumerable<string> Comment(string section, SetupAnswers a, string env) => section switch
    {
        "Storage" => ["Where the connector keeps its SQLite database (created and migrated on first start).",
            a.KeyFile is null
                ? $"The master key that encrypts phones and texts at rest is MLC_MASTER_KEY in {env}: keep a copy apart from the data."
                : "The master key that encrypts phones and texts at rest is the file Security:KeyFile: keep a copy apart from the data."],
        "Security" => ["The master key file (outside the data folder, readable only by the service account)."],
        "Syspro" when a.Transport == SysproTransport.OData =>
            ["SYSPRO over OData, HTTP Basic as an operator enabled for OData.",
             $"Its password is MLC_Syspro__OData__Password in {env}."],
        "Syspro" =>
            ["SYSPRO over e.net. The Operator is dedicated to the connector: SYSPRO allows one session per operator, so a",
             "person logging on with it would end the connector's session. ProbeOperator is a second operator for `ping`",
             "and `preview`. IdleTimeout is the e.net idle timeout of the operator's licence class.",
             $"Passwords: MLC_Syspro__Enet__OperatorPassword, ...CompanyPassword, ...ProbeOperatorPassword in {env}."],
        "Twilio" =>
            ["The Twilio account and the sender (a number of the account, or a Messaging Service).",
             $"The Auth Token (and an API key's secret) are in {env}.",
             "PublicBaseUrl is the https address Twilio calls: status callbacks at /webhooks/twilio/status, replies and STOP",
             "at /webhooks/twilio/inbound (the sender's inbound URL must point there: `init --set-inbound-url` does it)."],
        "Directory" =>
            ["The people who get texts. Phones are stored in E.164; DefaultRegion reads numbers written without a country code.",
             "Routes map a SYSPRO code (Buyer, Warehouse, SupplierClass...) to a person or a group."],
        "Rules" =>
            ["The presets switched on and who gets each text. Every field of a rule can be overridden here (README, Rules);",
             $"the presets: {string.Join(", ", RulePresets.All.Keys)}."],
        _ => [],
    };
}
