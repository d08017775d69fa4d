using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// e.net Solutions REST under <c>/SYSPROWCFService/Rest</c>: GET only, case-insensitive paths (routing ignores
/// case), query-string parameters, raw text bodies with HTTP 200 for errors (syspro.md section 1).
/// </summary>
internal static class EnetEndpoints
{
    public const string Prefix = "/SYSPROWCFService/Rest";

    public static void MapEnet(IEndpointRouteBuilder endpoints)
    {
        var rest = endpoints.MapGroup(Prefix).AddEndpointFilter<SysproRequestFilter>().ExcludeFromDescription();
        rest.MapGet("/Logon", EnetLogon.Logon);
        rest.MapGet("/Logoff", EnetLogon.Logoff);
        rest.MapGet("/GetLogonProfile", EnetLogon.GetLogonProfile);
        rest.MapGet("/GetVersion", (SysproSimulatorOptions options) => EnetText.Body(options.EnetVersion));
        rest.MapGet("/Query/Query", QueryQuery);
        rest.MapGet("/Query/Fetch", (HttpRequest request, EnetContext context) =>
            Run(request, context, "Fetch", "COMFCH", xml => new EnetAnswer(ComfchHandler.Handle(context.Catalog, xml, context.Version), 1)));
        rest.MapGet("/Query/Browse", (HttpRequest request, EnetContext context) =>
            Run(request, context, "Browse", "COMBRW", _ => throw new UnknownBusinessObjectException()));
        rest.MapGet("/Setup/Add", SetupAdd);
        foreach (var path in new[] { "/Setup/Update", "/Setup/Delete", "/Transaction/Post" })
        {
            rest.MapGet(path, (HttpRequest request, EnetContext context) =>
                Run(request, context, path, request.Query["BusinessObject"].ToString(), _ => throw new UnknownBusinessObjectException()));
        }
    }

    private static IResult QueryQuery(HttpRequest request, EnetContext context)
    {
        var businessObject = request.Query["BusinessObject"].ToString().Trim();
        Func<XElement, EnetAnswer> handler = businessObject.ToUpperInvariant() switch
        {
            "COMFND" => xml => ComfndHandler.Handle(context.Catalog, xml, context.Version),
            "PORQRY" => xml => new EnetAnswer(PorqryHandler.Handle(context.Data, xml, context.Version), 1),
            "APSQRY" => xml => new EnetAnswer(ApsqryHandler.Handle(context.Data, xml, context.Version), 1),
            _ => _ => throw new UnknownBusinessObjectException(),
        };
        return Run(request, context, "Query", businessObject, handler);
    }

    private static IResult SetupAdd(HttpRequest request, EnetContext context)
    {
        var businessObject = request.Query["BusinessObject"].ToString().Trim();
        return Run(request, context, "Setup/Add", businessObject, businessObject.ToUpperInvariant() switch
        {
            "INVSWS" => xml => new EnetAnswer(InvswsHandler.Handle(context.Data, xml, context.Version), 0),
            _ => _ => throw new UnknownBusinessObjectException(),
        });
    }

    /// <summary>Session check first (as SYSPRO does), then the business object on the parsed XmlIn.</summary>
    private static IResult Run(
        HttpRequest request, EnetContext context, string method, string businessObject, Func<XElement, EnetAnswer> handler)
    {
        if (!context.Sessions.Touch(request.Query["UserId"]))
        {
            context.Logger.SessionInvalid(method);
            return EnetText.Body(EnetText.SessionInvalid);
        }

        context.Logger.Query(method, businessObject);
        try
        {
            var xmlIn = request.Query["XmlIn"].ToString();
            var root = xmlIn.Length == 0 ? new XElement("Query") : XDocument.Parse(xmlIn).Root!;
            var answer = handler(root);
            request.HttpContext.Items[SysproRequestFilter.RowsItem] = answer.Rows;
            return EnetText.Body(answer.Xml);
        }
        catch (UnknownBusinessObjectException)
        {
            return EnetText.Body(EnetText.UnknownBusinessObject);
        }
        catch (XmlException ex)
        {
            return EnetText.Body($"ERROR: XmlIn is not well-formed XML: {ex.Message}");
        }
        catch (ComfndException ex)
        {
            return EnetText.Body($"ERROR: {ex.Message}");
        }
    }
}

/// <summary>What every e.net handler needs, resolved once per request from DI.</summary>
internal sealed record EnetContext(
    SysproData Data, EnetCatalog Catalog, EnetSessions Sessions, SysproSimulatorOptions Options, ILogger<EnetContext> Logger)
{
    public string Version => Options.BusinessObjectVersion;
}

/// <summary>A business object's XML answer and how many rows it carries (for the request counter).</summary>
internal sealed record EnetAnswer(string Xml, int Rows);
