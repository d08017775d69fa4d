namespace MlConnector.Security;

/// <summary>One encrypted column: where it is, the primary key of its table (in the key's order, for paging through
/// it) and the purpose it was sealed for.</summary>
public sealed record SealedColumn(string Table, IReadOnlyList<string> PrimaryKey, string Column, string Purpose)
{
    /// <summary>A column of a table whose primary key is one column.</summary>
    public SealedColumn(string table, string keyColumn, string column, string purpose)
        : this(table, [keyColumn], column, purpose)
    {
    }
}

public static class SealedColumns
{
    /// <summary>Declares an encrypted column of a table the caller owns, so <c>keys rotate</c> re-encrypts it. Every
    /// feature that adds an encrypted column declares it in its AddXxx.</summary>
    public static IServiceCollection AddSealedColumn(this IServiceCollection services, SealedColumn column) =>
        services.AddSingleton(column);
}
