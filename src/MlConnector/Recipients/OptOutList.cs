using System.Data.Common;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Recipients;

/// <summary>Numbers that must not be texted until they reply START: from an inbound STOP, or from Twilio refusing a
/// send with 21610 (the person opted out at Twilio's side).</summary>
public static class OptOutList
{
    public const string PhonePurpose = "optout.phone";

    public static Task AddAsync(DbConnection connection, DbTransaction? transaction, string companyId, string phoneIndex,
        byte[] sealedPhone, string source, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO opt_outs (company_id, phone_index, phone, opted_out_at, source) VALUES (@CompanyId, @PhoneIndex, @Phone, @Now, @Source)
            ON CONFLICT (company_id, phone_index) DO UPDATE SET opted_out_at = excluded.opted_out_at, source = excluded.source
            """,
            new { CompanyId = companyId, PhoneIndex = phoneIndex, Phone = sealedPhone, Now = now.ToStored(), Source = source },
            transaction, cancellationToken: ct));
}
