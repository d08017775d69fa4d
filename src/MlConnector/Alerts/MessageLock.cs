using System.Data.Common;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>
/// Serialises the writes about one Twilio message: the dispatcher recording the MessageSid it got back, and a status
/// callback (or a fetched status) for that MessageSid. On PostgreSQL at read committed they would otherwise miss each
/// other (the callback finds no alert with the SID yet, the record finds no callback yet) and the status would be
/// stored but never applied. PostgreSQL: an advisory lock on the SID for the transaction, taken before anything else;
/// SQLite: nothing to do (BEGIN IMMEDIATE already makes one writer at a time).
/// </summary>
internal static class MessageLock
{
    public static Task HoldAsync(IDbDialect dialect, DbConnection connection, DbTransaction transaction, string messageSid,
        CancellationToken ct) =>
        dialect.Provider == StorageProvider.Postgres
            ? connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtext('mlc.message'), hashtext(@Sid))", new { Sid = messageSid }, transaction,
                cancellationToken: ct))
            : Task.CompletedTask;
}
