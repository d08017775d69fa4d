using System.Security.Cryptography;
using Dapper;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>Dashboard sessions as rows of <c>operator_sessions</c>: one per sign-in, named by the session cookie, so
/// an admin can list a user's sessions and end one (its row goes, and the cookie naming it is refused on its next
/// request). A session idle for <see cref="IdleLifetime"/> is over, like the cookie's sliding life.</summary>
public sealed class SessionStore(IDbDialect dialect, TimeProvider time)
{
    public const string WithPassword = "password";
    public const string WithSmsCode = "sms-code";
    public const string WithRecoveryCode = "recovery-code";

    /// <summary>How long a session lasts without a request (the cookie's sliding expiry).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(8);

    // Last-seen times are kept to the minute: one write a minute per session, not one per request.
    private static readonly TimeSpan SeenGranularity = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session and returns its id (the cookie carries it).</summary>
    public async Task<string> StartAsync(string userName, string? address, string? userAgent, string signedInWith, CancellationToken ct)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        await using var connection = await dialect.OpenAsync(ct);
        // Sessions idle beyond their life go when another starts, so the table holds only sessions that could be used.
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM operator_sessions WHERE last_seen_at <= @idleSince",
            new { idleSince = (now - IdleLifetime).ToStored() }, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO operator_sessions (id, user_name, created_at, last_seen_at, address, user_agent, signed_in_with)
            VALUES (@id, @userName, @now, @now, @address, @userAgent, @signedInWith)
            """,
            new { id, userName, now = now.ToStored(), address, userAgent = Shorten(userAgent), signedInWith }, cancellationToken: ct));
        return id;
    }

    /// <summary>The user's role and security stamp as they are now, when the session is live (its row exists, the
    /// user exists, it has not been idle too long); null otherwise. Notes that the session was seen.</summary>
    public async Task<(string Role, string Stamp)?> CheckAsync(string userName, string sessionId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Role, string Stamp, long LastSeen)?>(new CommandDefinition(
            """
            SELECT o.role, o.security_stamp, s.last_seen_at FROM operator_sessions s
            JOIN operators o ON o.user_name = s.user_name
            WHERE s.id = @sessionId AND s.user_name = @userName
            """,
            new { sessionId, userName }, cancellationToken: ct));
        if (row is not { } live || UnixTime.FromStored(live.LastSeen) + IdleLifetime <= now)
        {
            return null;
        }

        if (now - UnixTime.FromStored(live.LastSeen) >= SeenGranularity)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE operator_sessions SET last_seen_at = @now WHERE id = @sessionId",
                new { sessionId, now = now.ToStored() }, cancellationToken: ct));
        }

        return (live.Role, live.Stamp);
    }

    /// <summary>The user's live sessions, the most recently used first.</summary>
    public async Task<IReadOnlyList<OperatorSession>> ListAsync(string userName, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Id, long CreatedAt, long LastSeenAt, string? Address, string? UserAgent, string SignedInWith)>(
            new CommandDefinition(
                """
                SELECT id, created_at, last_seen_at, address, user_agent, signed_in_with FROM operator_sessions
                WHERE user_name = @userName AND last_seen_at > @idleSince ORDER BY last_seen_at DESC, created_at DESC
                """,
                new { userName, idleSince = (time.GetUtcNow() - IdleLifetime).ToStored() }, cancellationToken: ct));
        return [.. rows.Select(r => new OperatorSession(r.Id, userName, UnixTime.FromStored(r.CreatedAt), UnixTime.FromStored(r.LastSeenAt),
            r.Address, r.UserAgent, r.SignedInWith))];
    }

    /// <summary>Ends one session of the user; false when there is no such session.</summary>
    public async Task<bool> EndAsync(string userName, string sessionId, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM operator_sessions WHERE id = @sessionId AND user_name = @userName",
            new { sessionId, userName }, cancellationToken: ct)) == 1;
    }

    private static string? Shorten(string? userAgent) => userAgent is { Length: > 200 } text ? text[..200] : userAgent;
}

/// <summary>One sign-in of a user: when it started and was last used, from where, and how it was signed in
/// (<see cref="SessionStore.WithPassword"/>, <see cref="SessionStore.WithSmsCode"/> or
/// <see cref="SessionStore.WithRecoveryCode"/>).</summary>
public sealed record OperatorSession(string Id, string UserName, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt,
    string? Address, string? UserAgent, string SignedInWith);
