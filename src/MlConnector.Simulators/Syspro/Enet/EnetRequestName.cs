using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// What an e.net request asks for, to count it and to match faults and hooks: <c>Logon</c>, <c>PORQRY</c>,
/// <c>COMFND PorMasterHdr</c> (the business object and, for table queries, the table).
/// </summary>
internal sealed record EnetRequestName(string Target, string? BusinessObject, string? Table)
{
    public static EnetRequestName Of(HttpContext http)
    {
        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var method = pattern.Length > EnetEndpoints.Prefix.Length ? pattern[(EnetEndpoints.Prefix.Length + 1)..] : pattern;
        var businessObject = method switch
        {
            "Query/Fetch" => "COMFCH",
            "Query/Browse" => "COMBRW",
            _ when method.Contains('/', StringComparison.Ordinal) => http.Request.Query["BusinessObject"].ToString().Trim().ToUpperInvariant(),
            _ => null,
        };
        if (businessObject is null)
        {
            return new EnetRequestName(method, null, null);
        }

        var table = businessObject is "COMFND" or "COMFCH" ? TableName(http.Request.Query["XmlIn"].ToString()) : null;
        return new EnetRequestName(table is null ? businessObject : $"{businessObject} {table}", businessObject, table);
    }

    private static string? TableName(string xmlIn)
    {
        try
        {
            return ((string?)XDocument.Parse(xmlIn).Root?.Element("TableName"))?.Trim() is { Length: > 0 } name ? name : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
