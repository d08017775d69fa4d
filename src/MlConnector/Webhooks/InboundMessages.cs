using Dapper;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Webhooks;

/// <summary>A text someone sent us, as the dashboard shows it.</summary>
public sealed record InboundMessage(long Id, string From, string To, string Body, string? Keyword, DateTimeOffset ReceivedAt);

/// <summary>Reads the texts people sent us (table <c>inbound_messages</c>, written by <see cref="InboundHandler"/>).</summary>
public sealed class InboundMessages(IDbDialect dialect, FieldProtector protector)
{
    public async Task<IReadOnlyList<InboundMessage>> RecentAsync(int count, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, byte[] From, string To, byte[] Body, string? Keyword, long ReceivedAt)>(
            new CommandDefinition(
                "SELECT id, from_phone, to_phone, body, keyword, received_at FROM inbound_messages ORDER BY id DESC LIMIT @count",
                new { count }, cancellationToken: ct));
        return rows.Select(r => new InboundMessage(r.Id, Read(r.From, InboundHandler.PhonePurpose), r.To,
            Read(r.Body, InboundHandler.BodyPurpose), r.Keyword, UnixTime.FromStored(r.ReceivedAt))).ToList();
    }

    private string Read(byte[] blob, string purpose) => protector.UnprotectOr(blob, purpose, "(unreadable)");
}
