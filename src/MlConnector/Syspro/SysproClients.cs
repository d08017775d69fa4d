namespace MlConnector.Syspro;

/// <summary>The names of the HTTP clients of each company (one for OData, one for e.net, each with that company's
/// timeouts), registered for the companies the configuration names when the host is built.</summary>
public sealed class SysproClients(IEnumerable<string> companies)
{
    public IReadOnlyList<string> Companies { get; } = companies.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public string NameOf(string transportClient, string company) =>
        Companies.Contains(company, StringComparer.OrdinalIgnoreCase)
            ? $"{transportClient}:{company.ToUpperInvariant()}"
            : throw new InvalidOperationException($"The SYSPRO company '{company}' was not in the configuration when the host was built.");
}
