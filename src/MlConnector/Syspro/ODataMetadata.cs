using System.Xml.Linq;

namespace MlConnector.Syspro;

/// <summary>The property types of each entity set, read once from <c>$metadata</c>, so filter literals are written
/// the way OData wants them (quoted strings, bare numbers, date-time offsets).</summary>
internal sealed class ODataMetadata(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> sets)
{
    public static ODataMetadata Parse(XDocument document)
    {
        var types = document.Descendants().Where(e => e.Name.LocalName == "EntityType").ToDictionary(
            t => (string)t.Attribute("Name")!,
            t => (IReadOnlyDictionary<string, string>)t.Elements().Where(p => p.Name.LocalName == "Property")
                .ToDictionary(p => (string)p.Attribute("Name")!, p => (string)p.Attribute("Type")!, StringComparer.OrdinalIgnoreCase),
            StringComparer.Ordinal);
        var sets = document.Descendants().Where(e => e.Name.LocalName == "EntitySet").ToDictionary(
            s => (string)s.Attribute("Name")!,
            s => types.GetValueOrDefault(((string)s.Attribute("EntityType")!).Split('.')[^1])
                ?? new Dictionary<string, string>(),
            StringComparer.OrdinalIgnoreCase);
        return new ODataMetadata(sets);
    }

    public bool HasSet(string set) => sets.ContainsKey(set);

    /// <summary>The Edm type of a column, or null when the set or column is unknown.</summary>
    public string? TypeOf(string set, string column) =>
        sets.TryGetValue(set, out var properties) && properties.TryGetValue(column, out var type) ? type : null;
}
