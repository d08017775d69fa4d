using System.Data.Common;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Audit;

/// <summary>Appends audit entries inside the caller's transaction, so the audit and the state change commit together.</summary>
public static class AuditWriter
{
    /// <summary>The purpose <see cref="AuditEntry.SealedDetail"/> is encrypted for.</summary>
    public const string SealedDetailPurpose = "audit.detail";

    public static Task AppendAsync(DbConnection connection, DbTransaction transaction, AuditEntry entry, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit (company_id, alert_id, at, kind, actor, detail, sealed_detail)
            VALUES (@CompanyId, @AlertId, @At, @Kind, @Actor, @Detail, @SealedDetail)
            """,
            new { entry.CompanyId, entry.AlertId, At = entry.At.ToStored(), entry.Kind, entry.Actor, entry.Detail, entry.SealedDetail },
            transaction, cancellationToken: ct));
}
