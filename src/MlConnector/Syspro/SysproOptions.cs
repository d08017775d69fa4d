using MlConnector.Rules;

namespace MlConnector.Syspro;

/// <summary>How the connector reaches SYSPRO (<c>Syspro</c>). Passwords belong in environment variables
/// (<c>MLC_Syspro__Enet__OperatorPassword</c>) or a settings file readable only by the service account.</summary>
public sealed class SysproOptions
{
    public const string SectionName = "Syspro";

    /// <summary>The transport of rules that do not name one. <value>The default is OData.</value></summary>
    public SysproTransport Transport { get; set; } = SysproTransport.OData;

    public ODataSourceOptions OData { get; set; } = new();

    public EnetOptions Enet { get; set; } = new();
}

public sealed class ODataSourceOptions
{
    /// <summary>The OData service root, e.g. <c>https://erp.example.com/SYSPRO8Odata/SYSPROOData/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>An operator enabled for OData (HTTP Basic).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Rows asked for per request (<c>$top</c>); the server may cap pages lower.
    /// <value>The default is 1000.</value></summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>How long one request may take. <value>The default is 100 seconds.</value></summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
}

public sealed class EnetOptions
{
    /// <summary>The e.net REST root, e.g. <c>http://erp:31002/SYSPROWCFService/Rest/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>A dedicated operator: SYSPRO allows one session per operator, and a person logging on with the same
    /// operator would end the connector's session.</summary>
    public string? Operator { get; set; }

    public string? OperatorPassword { get; set; }

    public string? CompanyId { get; set; }

    public string? CompanyPassword { get; set; }

    /// <summary>A second operator for <c>ping</c> and <c>preview</c>, so they do not end the service's session.</summary>
    public string? ProbeOperator { get; set; }

    public string? ProbeOperatorPassword { get; set; }

    /// <summary>SYSPRO's e.net idle timeout for the operator's licence class. <value>The default is 20 minutes.</value></summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How long before the idle timeout the session is refreshed. <value>The default is 1 minute.</value></summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows per COMFND call (<c>ReturnRows</c>). <value>The default is 1000.</value></summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>How long one request may take. <value>The default is 100 seconds.</value></summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
}
