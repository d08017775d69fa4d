namespace MlConnector.Syspro;

/// <summary>Further SYSPRO companies (<c>Companies:{id}</c>), each with its own name and its own <c>Syspro</c>
/// section; the <c>Syspro</c> section itself is the company <c>default</c> unless <c>Companies:default</c> is given.</summary>
public sealed class CompaniesOptions : Dictionary<string, CompanyOptions>
{
    public const string SectionName = "Companies";

    public CompaniesOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}

/// <summary>One further SYSPRO company.</summary>
public sealed class CompanyOptions
{
    /// <summary>The company's name on the dashboard and in the API.</summary>
    /// <value>The default is the company's id.</value>
    public string? Name { get; set; }

    /// <summary>How this company's SYSPRO is reached: credentials, transport, its own e.net operator and session.</summary>
    public SysproOptions Syspro { get; set; } = new();
}
