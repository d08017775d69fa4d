using MlConnector.Simulators.Syspro.Data;
using MlConnector.Simulators.Syspro.Schema;

namespace MlConnector.Simulators.Syspro;

/// <summary>Settings of the SYSPRO simulator. The credentials are fake and printed at start.</summary>
public sealed class SysproSimulatorOptions
{
    /// <summary>The one e.net operator. <value>The default is ADMIN.</value></summary>
    public string Operator { get; set; } = "ADMIN";

    /// <value>The default is <c>sim-password</c>.</value>
    public string OperatorPassword { get; set; } = "sim-password";

    /// <value>The default is <c>ML</c>.</value>
    public string CompanyId { get; set; } = "ML";

    /// <value>The default is empty, as on most sites.</value>
    public string CompanyPassword { get; set; } = "";

    /// <summary>HTTP Basic user name for OData. <value>The default is <c>odata</c>.</value></summary>
    public string ODataUser { get; set; } = "odata";

    /// <value>The default is <c>odata-password</c>.</value>
    public string ODataPassword { get; set; } = "odata-password";

    /// <summary>An e.net session unused this long is gone. <value>The default is 20 minutes.</value></summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <value>The default is 20,000.</value>
    public int PurchaseOrders { get; set; } = 20_000;

    /// <summary>Seeds the data and the scenario driver. <value>The default is 1.</value></summary>
    public int Seed { get; set; } = 1;

    /// <summary>Server page cap for OData. <value>The default is 5000.</value></summary>
    public int ODataPageSize { get; set; } = 5000;

    /// <summary>Cap pages without an <c>@odata.nextLink</c>, so clients must page with <c>$skip</c>.</summary>
    public bool ODataPagesWithoutNextLink { get; set; }

    /// <summary>The OData route prefix. <value>The default is <c>odata</c>.</value></summary>
    public string ODataRoute { get; set; } = "odata";

    /// <summary>What <c>GetVersion</c> answers. <value>The default is 8.0.0.0.</value></summary>
    public string EnetVersion { get; set; } = "8.0.0.0";

    /// <summary>The <c>Version</c> attribute of business-object XML. <value>The default is 8.0.001.</value></summary>
    public string BusinessObjectVersion { get; set; } = "8.0.001";

    /// <summary>How often the scenario driver makes a change. <value>The default is 10 seconds.</value></summary>
    public TimeSpan ScenarioInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Run the scenario driver as a hosted service. <value>The default is off.</value></summary>
    public bool RunScenario { get; set; }

    /// <summary>
    /// Which tables and columns the site exposes (OData and COMFND). <value>The default is
    /// <see cref="SysproSchemaProfile.Full"/>.</value>
    /// </summary>
    public SysproSchemaProfile Schema { get; set; } = SysproSchemaProfile.Full;

    /// <summary>
    /// Columns, as <c>Table.Column</c>, that <c>$metadata</c> does not type: they are left out of their entity type,
    /// which is declared open, while rows still carry them (issue 14, "partial metadata"). <value>The default is
    /// none.</value>
    /// </summary>
    public IList<string> UntypedColumns { get; } = new List<string>();

    /// <summary>
    /// Columns, as <c>Table.Column</c>, the site does not have: left out of <c>$metadata</c>, of the rows and of what
    /// COMFND knows, e.g. <c>PorMasterHdr.TimeStamp</c> for a site without the rowversion (issue 14). <value>The
    /// default is none.</value>
    /// </summary>
    public IList<string> HiddenColumns { get; } = new List<string>();

    /// <summary>
    /// Columns, as <c>Table.Column</c>, the site returns but refuses to filter or order by: OData answers HTTP 400
    /// for a <c>$filter</c> or <c>$orderby</c> naming one, COMFND an error for a <c>Where</c> or <c>OrderBy</c>
    /// naming one (a site that will not compare its rowversion, issue 14). <value>The default is none.</value>
    /// </summary>
    public IList<string> UnfilterableColumns { get; } = new List<string>();

    /// <summary>
    /// How PurchaseOrder and Requisition keys are padded, and whether lookups accept only the verbatim key.
    /// <value>The default is <see cref="SysproKeyStyle.Default"/> (15/10 zero-padded digits, lenient lookups).</value>
    /// </summary>
    public SysproKeyStyle KeyStyle { get; set; } = SysproKeyStyle.Default;

    /// <summary>
    /// Answer queries ordered by the key (OData <c>$orderby</c>, COMFND <c>OrderBy</c>) from a key index kept across
    /// changes, so a keyset page costs about a page, not the table. The answers are the same either way; off only to
    /// compare. <value>The default is on.</value>
    /// </summary>
    public bool IndexedPaging { get; set; } = true;
}
