using System.Xml.Linq;

namespace MlConnector.Syspro;

/// <summary>The property types of each entity set, read once from <c>$metadata</c>, so filter literals are written
/// the way OData wants them (quoted strings, bare numbers, date-time offsets) and answers are checked against them.</summary>
internal sealed class ODataMetadata(IReadOnlyDictionary<string, ODataMetadata.EntityType> sets)
{
    public sealed record EntityType(IReadOnlyDictionary<string, string> Properties, bool IsOpen);

    public static ODataMetadata Parse(XDocument document)
    {
        var types = document.Descendants().Where(e => e.Name.LocalName == "EntityType").ToDictionary(
            t => (string)t.Attribute("Name")!,
            t => new EntityType(
                t.Elements().Where(p => p.Name.LocalName == "Property")
                    .ToDictionary(p => (string)p.Attribute("Name")!, p => (string)p.Attribute("Type")!, StringComparer.OrdinalIgnoreCase),
                string.Equals((string?)t.Attribute("OpenType"), "true", StringComparison.OrdinalIgnoreCase)),
            StringComparer.Ordinal);
        var sets = document.Descendants().Where(e => e.Name.LocalName == "EntitySet").ToDictionary(
            s => (string)s.Attribute("Name")!,
            s => types.GetValueOrDefault(((string)s.Attribute("EntityType")!).Split('.')[^1])
                ?? new EntityType(new Dictionary<string, string>(), IsOpen: true),
            StringComparer.OrdinalIgnoreCase);
        return new ODataMetadata(sets);
    }

    public bool HasSet(string set) => sets.ContainsKey(set);

    /// <summary>The Edm type of a column, or null when the set or column is unknown (or untyped on an open type).</summary>
    public string? TypeOf(string set, string column) =>
        sets.TryGetValue(set, out var type) && type.Properties.TryGetValue(column, out var edm) ? edm : null;

    /// <summary>Whether the set certainly lacks the column: its type is closed and does not declare it.</summary>
    public bool Lacks(string set, string column) =>
        sets.TryGetValue(set, out var type) && !type.IsOpen && !type.Properties.ContainsKey(column);
}
