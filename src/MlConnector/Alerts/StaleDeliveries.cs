using Dapper;
using MlConnector.Storage;

namespace MlConnector.Alerts;

/// <summary>A sent alert whose delivery status is due to be fetched from Twilio.</summary>
public sealed record StaleDelivery(long Id, string MessageSid, int Checks);

/// <summary>
/// Alerts still "sent" with no news from Twilio for a while (their callbacks may have been posted while no instance
/// was up: Twilio does not post them again). Each is claimed for one status fetch at a time, the fetches spaced out
/// (the wait doubles after each) and bounded in number, so a carrier that never reports costs a few requests, not
/// one a minute for ever. A claim is a compare-and-set on the check count, so two instances never fetch one alert twice.
/// </summary>
public sealed class StaleDeliveries(IDbDialect dialect)
{
    /// <summary>Alerts looked at per claim: enough that another instance claiming the first few does not end a round.</summary>
    private const int Candidates = 10;

    /// <summary>Claims the first alert due (by id) that no other instance claims first, or null when none is due.</summary>
    public async Task<StaleDelivery?> ClaimNextAsync(DateTimeOffset now, TimeSpan after, int maxChecks, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var due = await connection.QueryAsync<(long Id, string MessageSid, int Checks)>(new CommandDefinition(
            """
            SELECT id, message_sid, status_checks FROM alerts
            WHERE state = @Sent AND message_sid IS NOT NULL AND status_checks < @MaxChecks
              AND COALESCE(status_check_due_at, updated_at + @AfterMs) <= @Now
            ORDER BY id LIMIT @Candidates
            """,
            new { AlertStates.Sent, MaxChecks = maxChecks, AfterMs = (long)after.TotalMilliseconds, Now = now.ToStored(), Candidates },
            cancellationToken: ct));
        foreach (var (id, sid, checks) in due)
        {
            var next = now + after * Math.Pow(2, checks + 1);
            var won = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE alerts SET status_checks = @Checks + 1, status_check_due_at = @Next
                WHERE id = @Id AND status_checks = @Checks AND state = @Sent
                """,
                new { Id = id, Checks = checks, Next = next.ToStored(), AlertStates.Sent }, cancellationToken: ct));
            if (won == 1)
            {
                return new StaleDelivery(id, sid, checks + 1);
            }
        }

        return null;
    }
}
