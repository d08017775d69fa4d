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
}
