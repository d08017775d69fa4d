using Dapper;
using Microsoft.Extensions.Options;
using MlConnector.Sms;
using MlConnector.Storage;

namespace MlConnector.Outbox;

/// <summary>
/// The sender's rate budget shared by every instance on the database (design.md, Decisions: at most N create requests
/// in every one-second window). Same rule as <see cref="SlidingWindowLimiter"/>, in table <c>send_slots</c>: a request
/// holds a row from before it is sent until one second after it arrived at Twilio (as the limiter's slot tells), so no
/// window holds more than N. Reservations for one sender are serialized (PostgreSQL: an advisory lock for the transaction; SQLite:
/// its single writer), so every instance counts the others' requests. Times come from the injected clock.
/// </summary>
public sealed class SendBudget(IDbDialect dialect, IOptions<TwilioOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Reserves one request, or says how long to wait on the clock before asking again. A row still in flight is
    /// held until its request timeout runs out plus a window, so a dead instance's rows lapse on their own.
    /// </summary>
    public async Task<(long? SlotId, TimeSpan Wait)> TryReserveAsync(string owner, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var args = new
        {
            Sender = o.SenderKey, Owner = owner, Now = now.ToStored(),
            Until = (now + o.RequestTimeout + Window + Window).ToStored(),
        };
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (dialect.Provider == StorageProvider.Postgres)
        {
            // Held until commit: the count below then sees every reservation committed before ours.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtext('mlc.send_slots'), hashtext(@Sender))", args, transaction,
                cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM send_slots WHERE sender_key = @Sender AND held_until <= @Now", args, transaction, cancellationToken: ct));
        var held = await connection.QuerySingleAsync<(long Count, long? Earliest)>(new CommandDefinition(
            "SELECT COUNT(*), MIN(held_until) FROM send_slots WHERE sender_key = @Sender", args, transaction,
            cancellationToken: ct));
        if (held.Count >= o.MessagesPerSecond)
        {
            await transaction.RollbackAsync(ct);
            // A row not yet sent frees up one second after it leaves, usually well before its conservative hold ends.
            var wait = UnixTime.FromStored(held.Earliest ?? args.Now) - now;
            return (null, wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > Window ? Window : wait);
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO send_slots (sender_key, owner, reserved_at, held_until) VALUES (@Sender, @Owner, @Now, @Until)
            RETURNING id
            """, args, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return (id, TimeSpan.Zero);
    }

    /// <summary>The request is over: the row is held until <paramref name="heldUntil"/> (one second after the request
    /// arrived at Twilio) instead of its conservative reservation.</summary>
    public async Task HoldUntilAsync(long slotId, DateTimeOffset heldUntil, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE send_slots SET held_until = @Until WHERE id = @Id",
            new { Id = slotId, Until = heldUntil.ToStored() }, cancellationToken: ct));
    }

    /// <summary>No request was sent: the row goes at once.</summary>
    public async Task CancelAsync(long slotId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM send_slots WHERE id = @Id", new { Id = slotId }, cancellationToken: ct));
    }
}
