using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MlConnector.Simulators.Syspro.OData;

/// <summary>HTTP Basic, as SYSPRO's OData service uses: 401 with a Basic challenge unless the user and password match.</summary>
internal sealed class ODataBasicAuthFilter(SysproSimulatorOptions options) : IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (AuthenticationHeaderValue.TryParse(header, out var value)
            && value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            && Matches(value.Parameter))
        {
            return;
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"SYSPRO OData\"";
        context.Result = new UnauthorizedResult();
    }

    private bool Matches(string? parameter)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{options.ODataUser}:{options.ODataPassword}");
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded), expected);
    }
}
