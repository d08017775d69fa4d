namespace MlConnector.Recipients;

/// <summary>The people who receive texts, their groups, and maps from SYSPRO codes to them (<c>Directory</c>).</summary>
public sealed class DirectoryOptions
{
    public const string SectionName = "Directory";

    /// <summary>The region used to read phone numbers written without a country code.
    /// <value>The default is <c>US</c>.</value></summary>
    public string DefaultRegion { get; set; } = "US";

    /// <summary>People by id: name, phone, groups.</summary>
    public Dictionary<string, PersonOptions> People { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Maps from a SYSPRO column (Buyer, Warehouse, SupplierClass, Originator...) and its value to a person id
    /// or a group name, e.g. <c>Directory:Routes:Buyer:B01 = jane</c>.</summary>
    public Dictionary<string, Dictionary<string, string>> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class PersonOptions
{
    public string? Name { get; set; }

    /// <summary>Any common notation; stored and sent as E.164.</summary>
    public string? Phone { get; set; }

    public List<string> Groups { get; set; } = [];

    /// <summary>The person's time zone (an IANA id such as America/Chicago), for their quiet hours.
    /// <value>The default is Site:TimeZone.</value></summary>
    public string? TimeZone { get; set; }

    /// <summary>Quiet hours on the person's clock, e.g. <c>22:00-07:00</c>: their texts are held and sent when the
    /// hours end, as one digest text; a rule marked Urgent ignores them. <value>The default is none.</value></summary>
    public string? QuietHours { get; set; }

    /// <summary>Saturday and Sunday are quiet all day too (on the person's clock).</summary>
    public bool QuietWeekends { get; set; }

    /// <summary>Rules whose texts this person does not get, although a group, route or threshold names them.</summary>
    public List<string> SkipRules { get; set; } = [];
}
