using System.Text;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// Writes business-object XML the way SYSPRO lays it out: a Windows-1252 declaration, the root with SYSPRO's
/// attributes, one element per line, <c>&lt;X/&gt;</c> for empty values and a trailing "\n " after the root.
/// </summary>
internal sealed class EnetXmlWriter
{
    private readonly StringBuilder _xml = new();
    private readonly string _root;

    public EnetXmlWriter(string root, string version)
    {
        _root = root;
        _xml.Append("<?xml version=\"1.0\" encoding=\"Windows-1252\"?>\n")
            .Append('<').Append(root)
            .Append(" Language='05' Language2='EN' CssStyle='' DecFormat='1' DateFormat='01' Role='01' Version='")
            .Append(version).Append("' OperatorPrimaryRole='   '>\n");
    }

    public EnetXmlWriter Element(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            _xml.Append('<').Append(name).Append("/>\n");
        }
        else
        {
            _xml.Append('<').Append(name).Append('>').Append(Escape(value)).Append("</").Append(name).Append(">\n");
        }

        return this;
    }

    public EnetXmlWriter Start(string name)
    {
        _xml.Append('<').Append(name).Append(">\n");
        return this;
    }

    public EnetXmlWriter End(string name)
    {
        _xml.Append("</").Append(name).Append(">\n");
        return this;
    }

    /// <summary>Closes the root. SYSPRO ends its documents with a newline and one space (seen in the recordings).</summary>
    public string Finish() => _xml.Append("</").Append(_root).Append(">\n ").ToString();

    public static string Escape(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}
