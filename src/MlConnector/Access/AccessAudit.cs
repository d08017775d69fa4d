using System.Text.Json;
using MlConnector.Audit;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>Audit lines of access changes (users, phones, recovery codes, API keys, sessions), each with who made it.
/// The detail never holds a password, a code, a key or a phone number.</summary>
public sealed class AccessAudit(IDbDialect dialect, TimeProvider time)
{
    public async Task RecordAsync(string kind, string actor, object detail, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await AuditWriter.AppendAsync(connection, transaction,
            new AuditEntry("default", null, time.GetUtcNow(), kind, actor, JsonSerializer.Serialize(detail)), ct);
        await transaction.CommitAsync(ct);
    }
}
