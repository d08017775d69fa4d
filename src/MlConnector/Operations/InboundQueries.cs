using System.Security.Cryptography;
using Dapper;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Operations;

public sealed record InboundMessage(long Id, string From, string To, string Body, string? Keyword, DateTimeOffset ReceivedAt);

public sealed record OptOut(string Phone, DateTimeOffset OptedOutAt, string Source);

/// <summary>Texts people sent us and the opt-out list (written by the Twilio webhooks).</summary>
public sealed class InboundQueries(IDbDialect dialect, FieldProtector protector)
{
    // Purposes of the encrypted columns. TODO(merge): take these from Webhooks/ once the delivery branch lands.
    public const string InboundPhonePurpose = Webhooks.InboundHandler.PhonePurpose;
    public const string InboundBodyPurpose = Webhooks.InboundHandler.BodyPurpose;
    public const string OptOutPhonePurpose = Webhooks.InboundHandler.OptOutPhonePurpose;

    public async Task<IReadOnlyList<InboundMessage>> RecentAsync(int count, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, byte[] From, string To, byte[] Body, string? Keyword, long ReceivedAt)>(
            new CommandDefinition(
                "SELECT id, from_phone, to_phone, body, keyword, received_at FROM inbound_messages ORDER BY id DESC LIMIT @count",
                new { count }, cancellationToken: ct));
        return rows.Select(r => new InboundMessage(r.Id, Read(r.From, InboundPhonePurpose), r.To, Read(r.Body, InboundBodyPurpose),
            r.Keyword, UnixTime.FromStored(r.ReceivedAt))).ToList();
    }

    public async Task<IReadOnlyList<OptOut>> OptOutsAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(byte[] Phone, long At, string Source)>(new CommandDefinition(
            "SELECT phone, opted_out_at, source FROM opt_outs ORDER BY opted_out_at DESC", cancellationToken: ct));
        return rows.Select(r => new OptOut(Read(r.Phone, OptOutPhonePurpose), UnixTime.FromStored(r.At), r.Source)).ToList();
    }

    private string Read(byte[] blob, string purpose)
    {
        try
        {
            return protector.Unprotect(blob, purpose);
        }
        catch (CryptographicException)
        {
            return "(unreadable)";
        }
    }
}
