using System.Xml.Linq;

namespace MlConnector.Syspro;

/// <summary>The property types of each entity set, read once from <c>$metadata</c>, so filter literals are written
/// the way OData wants them (quoted strings, bare numbers, date-time offsets).</summary>
internal sealed class ODataMetadata(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> sets,
    IReadOnlySet<string>? openSets = null)
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
        var open = document.Descendants().Where(e => e.Name.LocalName == "EntitySet")
            .Where(s => document.Descendants().Any(t => t.Name.LocalName == "EntityType"
                && (string?)t.Attribute("Name") == ((string)s.Attribute("EntityType")!).Split('.')[^1]
                && ((string?)t.Attribute("OpenType"))?.Equals("true", StringComparison.OrdinalIgnoreCase) == true))
            .Select(s => (string)s.Attribute("Name")!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new ODataMetadata(sets, open);
    }

    /// <summary>Whether the set's entity type is open: its rows may carry columns <c>$metadata</c> does not list.</summary>
    public bool IsOpen(string set) => openSets?.Contains(set) == true;

    public bool HasSet(string set) => sets.ContainsKey(set);

    /// <summary>The Edm type of a column, or null when the set or column is unknown.</summary>
    public string? TypeOf(string set, string column) =>
        sets.TryGetValue(set, out var properties) && properties.TryGetValue(column, out var type) ? type : null;
}
