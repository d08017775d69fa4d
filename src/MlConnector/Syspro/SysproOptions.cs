using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MlConnector.Rules;
using MlConnector.Settings;

namespace MlConnector.Syspro;

/// <summary>How the connector reaches SYSPRO (<c>Syspro</c>, or <c>Companies:{id}:Syspro</c> for a further company).
/// Passwords belong in environment variables (<c>MLC_Syspro__Enet__OperatorPassword</c>) or a settings file readable
/// only by the service account.</summary>
public sealed class SysproOptions
{
    public const string SectionName = "Syspro";

    /// <summary>The transport of rules that do not name one: OData or Enet.</summary>
    /// <value>The default is OData.</value>
    public SysproTransport Transport { get; set; } = SysproTransport.OData;

    /// <summary>SYSPRO's OData service.</summary>
    [ValidateObjectMembers]
    public ODataSourceOptions OData { get; set; } = new();

    /// <summary>SYSPRO's e.net REST service.</summary>
    [ValidateObjectMembers]
    public EnetOptions Enet { get; set; } = new();
}

public sealed class ODataSourceOptions
{
    /// <summary>The OData service root, e.g. https://erp.example.com/SYSPRO8Odata/SYSPROOData/. Required when a rule
    /// reads over OData.</summary>
    /// <value>The default is none.</value>
    public Uri? BaseUrl { get; set; }

    /// <summary>An operator enabled for OData (HTTP Basic). Required with BaseUrl.</summary>
    /// <value>The default is none.</value>
    public string? Username { get; set; }

    /// <summary>The OData operator's password. Required with BaseUrl; give it as MLC_Syspro__OData__Password.</summary>
    /// <value>The default is none.</value>
    [Secret]
    public string? Password { get; set; }

    /// <summary>Rows asked for per request ($top, 1 to 10000); the server may cap pages lower.</summary>
    /// <value>The default is 1000.</value>
    [Range(1, 10000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>How long one request may take (1 second to 10 minutes).</summary>
    /// <value>The default is 00:01:40.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
}

public sealed class EnetOptions
{
    /// <summary>The e.net REST root, e.g. http://erp:31002/SYSPROWCFService/Rest/. Required when a rule reads over
    /// e.net.</summary>
    /// <value>The default is none.</value>
    public Uri? BaseUrl { get; set; }

    /// <summary>A dedicated operator: SYSPRO allows one session per operator, and a person logging on with the same
    /// operator would end the connector's session. Required with BaseUrl.</summary>
    /// <value>The default is none.</value>
    public string? Operator { get; set; }

    /// <summary>The operator's password. Required with BaseUrl; give it as MLC_Syspro__Enet__OperatorPassword.</summary>
    /// <value>The default is none.</value>
    [Secret]
    public string? OperatorPassword { get; set; }

    /// <summary>The SYSPRO company id, e.g. A. Required with BaseUrl.</summary>
    /// <value>The default is none.</value>
    public string? CompanyId { get; set; }

    /// <summary>The company's password, when it has one.</summary>
    /// <value>The default is none.</value>
    [Secret]
    public string? CompanyPassword { get; set; }

    /// <summary>A second operator for ping and preview, so they do not end the service's session.</summary>
    /// <value>The default is none.</value>
    public string? ProbeOperator { get; set; }

    /// <summary>The probe operator's password. Required with ProbeOperator.</summary>
    /// <value>The default is none.</value>
    [Secret]
    public string? ProbeOperatorPassword { get; set; }

    /// <summary>SYSPRO's e.net idle timeout for the operator's licence class (1 minute to 1 day).</summary>
    /// <value>The default is 00:20:00.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How long before the idle timeout the session is refreshed (1 second to 1 hour, less than
    /// IdleTimeout).</summary>
    /// <value>The default is 00:01:00.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows per COMFND call (ReturnRows, 1 to 10000).</summary>
    /// <value>The default is 1000.</value>
    [Range(1, 10000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>How long one request may take (1 second to 10 minutes).</summary>
    /// <value>The default is 00:01:40.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
}
