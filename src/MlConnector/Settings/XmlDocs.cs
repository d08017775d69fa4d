using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MlConnector.Settings;

/// <summary>The XML documentation of the options classes (the compiler's <c>ml-connector.xml</c> beside the
/// executable): a setting's summary and its <c>value</c> (the default), as plain text for the JSON Schema.</summary>
public sealed partial class XmlDocs
{
    private readonly Dictionary<string, XElement> _members;

    private XmlDocs(Dictionary<string, XElement> members) => _members = members;

    /// <summary>The documentation beside <paramref name="assembly"/>, or none (the schema then has no descriptions).</summary>
    public static XmlDocs For(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var file = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(file))
        {
            return new XmlDocs([]);
        }

        var members = XDocument.Load(file).Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .GroupBy(m => m.Attribute("name")!.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return new XmlDocs(members);
    }

    public string? Of(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return Describe($"P:{Name(property.DeclaringType!)}.{property.Name}");
    }

    public string? Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Describe($"T:{Name(type)}");
    }

    private string? Describe(string id)
    {
        if (!_members.TryGetValue(id, out var member))
        {
            return null;
        }

        // <value> may be written inside <summary> or beside it.
        var value = member.Descendants("value").FirstOrDefault();
        var summary = member.Element("summary") is { } s ? Text(new XElement(s.Name, s.Nodes().Where(n => n is not XElement { Name.LocalName: "value" }))) : "";
        var text = string.Join(" ", new[] { summary, value is null ? "" : Text(value) }.Where(t => t.Length > 0));
        return text.Length == 0 ? null : text;
    }

    private static string Text(XElement element)
    {
        var parts = element.Nodes().Select(node => node switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "see" or "seealso" } e => e.Attribute("langword")?.Value
                ?? e.Attribute("cref")?.Value.Split('.', ':').Last() ?? e.Value,
            XElement e => Text(e),
            _ => "",
        });
        return Spaces().Replace(string.Concat(parts), " ").Trim();
    }

    private static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
