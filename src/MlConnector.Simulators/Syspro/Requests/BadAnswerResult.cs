using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using MlConnector.Simulators.Syspro.Enet;

namespace MlConnector.Simulators.Syspro.Requests;

/// <summary>Writes a <see cref="BadAnswer"/>: its status, content type and body, nothing recomputed.</summary>
internal sealed class BadAnswerResult(BadAnswer answer, string oDataRoute) : IResult, IActionResult
{
    public const string ODataContentType = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var odata = answer.Transport == SysproRequestCounter.OData;
        var body = odata ? answer.Body.Replace(SysproBadAnswers.ServiceRootPlaceholder, ServiceRoot(httpContext.Request), StringComparison.Ordinal) : answer.Body;
        var bytes = odata ? Encoding.UTF8.GetBytes(body) : EnetText.Windows1252.GetBytes(body);
        response.StatusCode = answer.Status;
        response.ContentType = answer.ContentType ?? (odata ? ODataContentType : EnetText.ContentType);
        response.ContentLength = bytes.Length;
        if (!odata)
        {
            response.Headers.Server = "Microsoft-HTTPAPI/2.0";
        }

        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    private string ServiceRoot(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/{oDataRoute.Trim('/')}/";
}
