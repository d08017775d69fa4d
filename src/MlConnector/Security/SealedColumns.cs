namespace MlConnector.Security;

/// <summary>One encrypted column: where it is and the purpose it was sealed for.</summary>
public sealed record SealedColumn(string Table, string KeyColumn, string Column, string Purpose);

public static class SealedColumns
{
    /// <summary>Declares an encrypted column of a table the caller owns, so <c>keys rotate</c> re-encrypts it. Every
    /// feature that adds an encrypted column declares it in its AddXxx.</summary>
    public static IServiceCollection AddSealedColumn(this IServiceCollection services, SealedColumn column) =>
        services.AddSingleton(column);
}
