using System.Text;
using Microsoft.AspNetCore.Http;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// e.net REST bodies: raw text (not JSON), <c>application/octet-stream</c>, HTTP 200 even for errors, encoded as
/// Windows-1252 because that is what the XML declares.
/// </summary>
internal static class EnetText
{
    public const string ContentType = "application/octet-stream";
    public const string SessionInvalid =
        "ERROR: The supplied UserID is invalid. Either you were not logged in; or your session has expired. You will need to logon again.";
    public const string InvalidOperatorPassword = "ERROR: Invalid operator password";
    public const string InvalidOperator = "ERROR: Invalid operator code";
    public const string InvalidCompany = "ERROR: Invalid company";
    public const string InvalidCompanyPassword = "ERROR: Invalid company password";
    public const string LogoffUnknown = "ERROR: Unable to read the SYSPRO base directory registry string BaseDir8";
    public const string UnknownBusinessObject = "e.net exception 100000";

    /// <summary>Windows-1252; a character it lacks goes out as '?', as SYSPRO's own conversion does.</summary>
    public static Encoding Windows1252 { get; } = CreateEncoding();

    public static IResult Body(string text) => new EnetResult(Windows1252.GetBytes(text));

    private static Encoding CreateEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private sealed class EnetResult(byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.ContentLength = body.Length;
            response.Headers.Server = "Microsoft-HTTPAPI/2.0";
            await response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
