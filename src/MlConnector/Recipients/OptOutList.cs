using System.Data.Common;
using System.Text.Json;
using Dapper;
using MlConnector.Audit;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Recipients;

/// <summary>An opted-out number as the dashboard shows it, with the sender it opted out of.</summary>
public sealed record OptOut(string Phone, DateTimeOffset OptedOutAt, string Source, string Sender);

/// <summary>
/// Numbers that must not be texted through a sender until they reply START (table <c>opt_outs</c>, keyed by the sender
/// and the phone's blind index): from an inbound STOP to that sender (the number or Messaging Service the person
/// texted), or from Twilio refusing a send through it with 21610 (the person opted out at Twilio's side). Not by
/// company: a STOP stops every company's texts that go through that sender.
/// </summary>
public sealed class OptOutList(IDbDialect dialect, FieldProtector protector)
{
    public const string PhonePurpose = "optout.phone";

    /// <summary>The source of a row Twilio's refusal wrote (error 21610); an inbound STOP writes its keyword.</summary>
    public const string TwilioRefusedSource = "twilio-21610";

    /// <summary>The sender of rows written before opt-outs were kept per sender (adopted by <see cref="AdoptUnattributedAsync"/>).</summary>
    public const string UnattributedSender = "";

    public async Task<bool> ContainsAsync(string sender, string phoneIndex, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT 1 FROM opt_outs WHERE sender_key = @Sender AND phone_index = @PhoneIndex",
            new { Sender = sender, PhoneIndex = phoneIndex }, cancellationToken: ct)) is not null;
    }

    /// <summary>Whether <paramref name="phone"/> (E.164) is opted out for <paramref name="sender"/>.</summary>
    public Task<bool> ContainsPhoneAsync(string sender, string phone, CancellationToken ct) =>
        ContainsAsync(sender, protector.BlindIndex(phone), ct);

    /// <summary>Adds <paramref name="phone"/> (E.164; sealed here) for <paramref name="sender"/> on its own.</summary>
    public async Task AddAsync(string sender, string phoneIndex, string phone, string companyId, string source, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await AddAsync(connection, null, sender, phoneIndex, protector.Protect(phone, PhonePurpose), companyId, source, now, ct);
    }

    /// <summary>
    /// Rows written before opt-outs were kept per sender belong to the sender configured then: a dispatcher starting
    /// with <paramref name="sender"/> takes them as its own (a row it already has for the phone wins). Returns how many.
    /// </summary>
    public async Task<int> AdoptUnattributedAsync(string sender, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var args = new { Sender = sender, Unattributed = UnattributedSender };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM opt_outs WHERE sender_key = @Unattributed
              AND phone_index IN (SELECT phone_index FROM opt_outs WHERE sender_key = @Sender)
            """, args, transaction, cancellationToken: ct));
        var adopted = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE opt_outs SET sender_key = @Sender WHERE sender_key = @Unattributed", args, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return adopted;
    }

    /// <summary>Every opted-out number, most recent first.</summary>
    public async Task<IReadOnlyList<OptOut>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(byte[] Phone, long At, string Source, string Sender)>(new CommandDefinition(
            "SELECT phone, opted_out_at, source, sender_key FROM opt_outs ORDER BY opted_out_at DESC", cancellationToken: ct));
        return rows.Select(r => new OptOut(protector.UnprotectOr(r.Phone, PhonePurpose, "(unreadable)"), UnixTime.FromStored(r.At),
            r.Source, r.Sender)).ToList();
    }

    /// <summary>Adds a number inside the caller's transaction; <paramref name="sealedPhone"/> is sealed for <see cref="PhonePurpose"/>.</summary>
    public static Task AddAsync(DbConnection connection, DbTransaction? transaction, string sender, string phoneIndex,
        byte[] sealedPhone, string companyId, string source, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO opt_outs (sender_key, phone_index, company_id, phone, opted_out_at, source)
            VALUES (@Sender, @PhoneIndex, @CompanyId, @Phone, @Now, @Source)
            ON CONFLICT (sender_key, phone_index) DO UPDATE SET opted_out_at = excluded.opted_out_at, source = excluded.source
            """,
            new { Sender = sender, PhoneIndex = phoneIndex, CompanyId = companyId, Phone = sealedPhone, Now = now.ToStored(), Source = source },
            transaction, cancellationToken: ct));

    /// <summary>
    /// An operator lifts the connector's own opt-out of <paramref name="phone"/> (E.164) for <paramref name="sender"/>,
    /// with a reason, audited (<see cref="AuditKinds.OptOutLifted"/>, as a replay's reason is). Twilio keeps
    /// its own list: a person who texted STOP is refused by Twilio (21610) until they text START, whatever this list says.
    /// Returns false when the number was not opted out for that sender.
    /// </summary>
    public async Task<bool> LiftAsync(string sender, string phone, string actor, string reason, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var index = protector.BlindIndex(phone);
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string CompanyId, string Source)?>(new CommandDefinition(
            "SELECT company_id, source FROM opt_outs WHERE sender_key = @Sender AND phone_index = @Index",
            new { Sender = sender, Index = index }, transaction, cancellationToken: ct));
        if (row is not { } lifted)
        {
            return false;
        }

        await RemoveAsync(connection, transaction, sender, index, ct);
        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry(lifted.CompanyId, null, now, AuditKinds.OptOutLifted, actor,
            JsonSerializer.Serialize(new { reason, sender, phoneIndex = index[..12], source = lifted.Source })), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Removes a number for a sender (it replied START to it) inside the caller's transaction.</summary>
    public static Task RemoveAsync(DbConnection connection, DbTransaction transaction, string sender, string phoneIndex,
        CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM opt_outs WHERE sender_key = @Sender AND phone_index = @Index",
            new { Sender = sender, Index = phoneIndex }, transaction, cancellationToken: ct));
}
