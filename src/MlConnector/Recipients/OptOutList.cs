using System.Data.Common;
using Dapper;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Recipients;

/// <summary>An opted-out number as the dashboard shows it.</summary>
public sealed record OptOut(string Phone, DateTimeOffset OptedOutAt, string Source);

/// <summary>Numbers that must not be texted until they reply START (table <c>opt_outs</c>, keyed by the phone's blind
/// index): from an inbound STOP, or from Twilio refusing a send with 21610 (the person opted out at Twilio's side).</summary>
public sealed class OptOutList(IDbDialect dialect, FieldProtector protector)
{
    public const string PhonePurpose = "optout.phone";

    public async Task<bool> ContainsAsync(string companyId, string phoneIndex, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT 1 FROM opt_outs WHERE company_id = @CompanyId AND phone_index = @PhoneIndex",
            new { CompanyId = companyId, PhoneIndex = phoneIndex }, cancellationToken: ct)) is not null;
    }

    /// <summary>Adds <paramref name="phone"/> (E.164; sealed here) on its own.</summary>
    public async Task AddAsync(string companyId, string phoneIndex, string phone, string source, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await AddAsync(connection, null, companyId, phoneIndex, protector.Protect(phone, PhonePurpose), source, now, ct);
    }

    /// <summary>Every opted-out number, most recent first.</summary>
    public async Task<IReadOnlyList<OptOut>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(byte[] Phone, long At, string Source)>(new CommandDefinition(
            "SELECT phone, opted_out_at, source FROM opt_outs ORDER BY opted_out_at DESC", cancellationToken: ct));
        return rows.Select(r => new OptOut(protector.UnprotectOr(r.Phone, PhonePurpose, "(unreadable)"), UnixTime.FromStored(r.At),
            r.Source)).ToList();
    }

    /// <summary>Adds a number inside the caller's transaction; <paramref name="sealedPhone"/> is sealed for <see cref="PhonePurpose"/>.</summary>
    public static Task AddAsync(DbConnection connection, DbTransaction? transaction, string companyId, string phoneIndex,
        byte[] sealedPhone, string source, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO opt_outs (company_id, phone_index, phone, opted_out_at, source) VALUES (@CompanyId, @PhoneIndex, @Phone, @Now, @Source)
            ON CONFLICT (company_id, phone_index) DO UPDATE SET opted_out_at = excluded.opted_out_at, source = excluded.source
            """,
            new { CompanyId = companyId, PhoneIndex = phoneIndex, Phone = sealedPhone, Now = now.ToStored(), Source = source },
            transaction, cancellationToken: ct));

    /// <summary>Removes a number (it replied START) inside the caller's transaction.</summary>
    public static Task RemoveAsync(DbConnection connection, DbTransaction transaction, string companyId, string phoneIndex,
        CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM opt_outs WHERE company_id = @Company AND phone_index = @Index",
            new { Company = companyId, Index = phoneIndex }, transaction, cancellationToken: ct));
}
