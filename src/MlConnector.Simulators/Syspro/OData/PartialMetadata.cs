using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using MlConnector.Simulators.Syspro.Schema;

namespace MlConnector.Simulators.Syspro.OData;

/// <summary>
/// <c>$metadata</c> that gives no type for some columns (issue 14): each untyped column is left out of its entity
/// type, which is declared <c>OpenType="true"</c>, so a client sees the column in rows but not in the metadata.
/// Queries are still answered by the typed model, so <c>Journal gt '0'</c> fails as a typed service fails it.
/// </summary>
internal static class PartialMetadata
{
    /// <summary>Serves the trimmed document ahead of OData's own <c>$metadata</c> route (lower order wins).</summary>
    public static void Map(IEndpointRouteBuilder endpoints, string route, IEdmModel model, SysproSchema schema)
    {
        var document = Encoding.UTF8.GetBytes(Write(model, schema));
        endpoints.MapGet($"/{route.Trim('/')}/$metadata", () => Results.Bytes(document, "application/xml; charset=utf-8"))
            .WithOrder(-1)
            .ExcludeFromDescription();
    }

    public static string Write(IEdmModel model, SysproSchema schema)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            if (!CsdlWriter.TryWriteCsdl(model, writer, CsdlTarget.OData, out var errors))
            {
                throw new InvalidOperationException("The simulator's EDM model does not write as CSDL: "
                    + string.Join("; ", errors.Select(e => e.ErrorMessage)));
            }
        }

        var doc = XDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
        foreach (var type in doc.Descendants().Where(e => e.Name.LocalName == "EntityType").ToList())
        {
            var table = (string?)type.Attribute("Name") ?? "";
            var keys = type.Descendants().Where(e => e.Name.LocalName == "PropertyRef")
                .Select(e => (string?)e.Attribute("Name")).ToHashSet();
            var untyped = type.Elements()
                .Where(e => e.Name.LocalName == "Property" && schema.IsUntyped(table, (string?)e.Attribute("Name") ?? ""))
                .ToList();
            if (untyped.Find(p => keys.Contains((string?)p.Attribute("Name"))) is { } key)
            {
                throw new InvalidOperationException(
                    $"Untyped column {table}.{key.Attribute("Name")?.Value} is a key column; keys keep their type.");
            }

            untyped.ForEach(p => p.Remove());
            if (untyped.Count > 0)
            {
                type.SetAttributeValue("OpenType", "true");
            }
        }

        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + doc.ToString(SaveOptions.DisableFormatting);
    }
}

/// <summary>The EDM model the OData route serves, kept for the partial <c>$metadata</c> document.</summary>
internal sealed record SysproODataModel(IEdmModel Model);
