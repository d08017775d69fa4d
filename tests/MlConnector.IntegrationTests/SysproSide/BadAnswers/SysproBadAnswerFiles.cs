using MlConnector.IntegrationTests.Infrastructure;
using MlConnector.Simulators.Syspro;
using MlConnector.Simulators.Syspro.Requests;

namespace MlConnector.IntegrationTests.SysproSide.BadAnswers;

/// <summary>
/// The fixed bad answers of issue 12, one file each in this folder (README.md says what each holds). Serve one with
/// <see cref="ServeOn"/> for a span of requests; the simulator substitutes only <c>{{ServiceRoot}}</c>.
/// </summary>
public sealed record SysproBadAnswerFile(string Mode, string Transport, string Target, string File, string? ContentType = null)
{
    public static readonly SysproBadAnswerFile ODataEmptyList = OData("empty-list", "odata-pormasterhdr-empty.json");
    public static readonly SysproBadAnswerFile ODataRowsWithoutOrderStatus = OData("rows-without-status", "odata-pormasterhdr-without-orderstatus.json");
    public static readonly SysproBadAnswerFile ODataRowsWithoutKey = OData("rows-without-key", "odata-pormasterhdr-without-key.json");
    public static readonly SysproBadAnswerFile ODataWrongTypes = OData("wrong-types", "odata-pormasterhdr-wrong-types.json");
    public static readonly SysproBadAnswerFile ODataNulls = OData("nulls", "odata-pormasterhdr-nulls.json");
    public static readonly SysproBadAnswerFile ODataUnknownStatus = OData("unknown-status", "odata-pormasterhdr-unknown-status.json");

    public static readonly SysproBadAnswerFile EnetHtmlPage = new("html-page", SysproRequestCounter.Enet, "ReqDetail", "enet-html-page.html", "text/html");
    public static readonly SysproBadAnswerFile EnetEmptyReqDetail = new("empty-result", SysproRequestCounter.Enet, "ReqDetail", "enet-reqdetail-empty.xml");
    public static readonly SysproBadAnswerFile EnetEmptyPorMasterHdr = new("empty-result", SysproRequestCounter.Enet, "PorMasterHdr", "enet-pormasterhdr-empty.xml");
    public static readonly SysproBadAnswerFile EnetRowsWithoutReqnStatus = new("rows-without-status", SysproRequestCounter.Enet, "ReqDetail", "enet-reqdetail-without-reqnstatus.xml");

    public static readonly SysproBadAnswerFile PorqryNotXml = new("not-xml", SysproRequestCounter.Enet, "PORQRY", "porqry-not-xml.txt");
    public static readonly SysproBadAnswerFile PorqryTruncated = new("truncated-xml", SysproRequestCounter.Enet, "PORQRY", "porqry-truncated.xml");
    public static readonly SysproBadAnswerFile PorqryWrongShape = new("wrong-shape", SysproRequestCounter.Enet, "PORQRY", "porqry-wrong-shape.xml");

    public static IReadOnlyList<SysproBadAnswerFile> All { get; } =
    [
        ODataEmptyList, ODataRowsWithoutOrderStatus, ODataRowsWithoutKey, ODataWrongTypes, ODataNulls, ODataUnknownStatus,
        EnetHtmlPage, EnetEmptyReqDetail, EnetEmptyPorMasterHdr, EnetRowsWithoutReqnStatus,
        PorqryNotXml, PorqryTruncated, PorqryWrongShape,
    ];

    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "MlConnector.IntegrationTests", "SysproSide", "BadAnswers");

    /// <summary>The file's text exactly as kept (read as UTF-8; the e.net files are ASCII).</summary>
    public string Body => System.IO.File.ReadAllText(Path.Combine(Folder, File));

    /// <summary>
    /// Serves this answer for the next <paramref name="requests"/> requests to its target (null: until lifted), for
    /// <paramref name="target"/> instead of the file's usual one when given.
    /// </summary>
    public BadAnswerState ServeOn(SysproSimulator simulator, int? requests, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        return simulator.BadAnswers.Serve(ToBadAnswer(requests, target));
    }

    public BadAnswer ToBadAnswer(int? requests, string? target = null) =>
        new(Transport, target ?? Target, Body, Mode, ContentType, Requests: requests);

    public override string ToString() => File;

    private static SysproBadAnswerFile OData(string mode, string file) => new(mode, SysproRequestCounter.OData, "PorMasterHdr", file);
}
