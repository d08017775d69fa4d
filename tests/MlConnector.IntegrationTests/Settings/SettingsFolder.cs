using System.Text.Json.Nodes;
using MlConnector.Security;

namespace MlConnector.IntegrationTests.Settings;

/// <summary>A temporary folder with a master key file and a data folder, and a settings file written from a valid
/// base with a change laid over it (a JSON merge: objects merge, anything else replaces, null removes).</summary>
public sealed class SettingsFolder : IDisposable
{
    /// <summary>Valid settings: SYSPRO over OData with its credentials, a directory, two rules, the simulator's Twilio.</summary>
    public const string Base = """
        {
          "Syspro": { "OData": { "BaseUrl": "http://127.0.0.1:9/odata/", "Username": "odata", "Password": "secret" } },
          "Twilio": { "AccountSid": "AC00000000000000000000000000000000", "AuthToken": "token", "From": "+15005550006",
                      "BaseUrl": "http://127.0.0.1:9/" },
          "Directory": {
            "DefaultRegion": "US",
            "People": {
              "jane": { "Name": "Jane", "Phone": "(555) 010-0001", "Groups": [ "approvers" ] },
              "omar": { "Name": "Omar", "Phone": "+15550100004", "Groups": [ "directors" ] }
            },
            "Routes": { "Buyer": { "B01": "jane" } }
          },
          "Rules": {
            "po-submitted": { "Recipients": { "Groups": [ "approvers" ], "Thresholds": [ { "Field": "TotalValue", "Above": 10000, "Groups": [ "directors" ] } ] } },
            "invoice-posted": { "Recipients": { "Groups": [ "approvers" ] }, "Cadence": "00:15:00" }
          }
        }
        """;

    private readonly TempFolder _folder = new();

    public SettingsFolder() => MasterKeyLoader.EnsureKeyFile(KeyFile);

    public string KeyFile => _folder.Combine("keys", "master.key");

    public string DataFolder => _folder.Combine("data");

    public string Path => _folder.Path;

    /// <summary>Writes the base with <paramref name="change"/> laid over it (or, when <paramref name="raw"/>, the text
    /// itself) and returns the arguments of <c>config validate</c> for it.</summary>
    public string[] ValidateArguments(string change = "{}", bool raw = false, params string[] extra)
    {
        var file = _folder.Combine("settings.json");
        File.WriteAllText(file, raw ? change : Merge(JsonNode.Parse(Base)!.AsObject(), JsonNode.Parse(change)!.AsObject()).ToJsonString());
        return ["config", "validate", "--config", file, $"--Storage:DataFolder={DataFolder}", $"--Security:KeyFile={KeyFile}", .. extra];
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static JsonObject Merge(JsonObject target, JsonObject change)
    {
        foreach (var (key, value) in change.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject inner && target[key] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }

        return target;
    }
}
