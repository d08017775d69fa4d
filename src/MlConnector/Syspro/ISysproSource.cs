using MlConnector.Rules;

namespace MlConnector.Syspro;

/// <summary>What a rule asks of SYSPRO: a table, its columns, a filter joined by AND, and an order (for paging: the
/// key columns).</summary>
public sealed record SourceQuery(
    string Table,
    IReadOnlyList<string> Columns,
    IReadOnlyList<FilterCondition> Conditions,
    IReadOnlyList<string> OrderBy);

/// <summary>One SYSPRO transport (OData or e.net); both yield the same normalised rows.</summary>
public interface ISysproSource
{
    /// <summary>Streams every row matching the query, page by page.</summary>
    IAsyncEnumerable<SourceRow> ReadAsync(SourceQuery query, CancellationToken cancellationToken);

    /// <summary>How this transport describes a purchase order in one call, or null when it cannot (then the enricher
    /// reads the lines and names table by table).</summary>
    IPurchaseOrderSummaries? PurchaseOrderSummaries { get; }
}

/// <summary>SYSPRO refused or failed in a way the operator must see (credentials, licence, unknown table).</summary>
public class SysproException(string message, bool isCredentialError = false, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>True when retrying cannot help until someone fixes the configuration.</summary>
    public bool IsCredentialError { get; } = isCredentialError;

    /// <summary>True when SYSPRO refused the request itself (no such table or entity set, a column it lacks, a
    /// licence): asking again soon gets the same answer. False for an answer that could not be believed.</summary>
    public virtual bool IsLasting => true;
}
