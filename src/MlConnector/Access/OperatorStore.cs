using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Identity;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>The people who may sign in; passwords hashed with ASP.NET Core Identity's <see cref="PasswordHasher{T}"/>.
/// Each user has a security stamp that every session carries: changing it (sign-out, new password, new role) ends all
/// of that user's sessions at once; removing the user ends them too.</summary>
public sealed class OperatorStore(IDbDialect dialect, TimeProvider time)
{
    private static readonly PasswordHasher<OperatorUser> Hasher = new();

    public async Task<bool> AddAsync(string userName, string password, string role, CancellationToken ct)
    {
        var user = new OperatorUser(userName, role);
        await using var connection = await dialect.OpenAsync(ct);
        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO operators (user_name, password_hash, role, created_at, security_stamp)
            VALUES (@userName, @hash, @role, @now, @stamp)
            ON CONFLICT (user_name) DO NOTHING
            """,
            new { userName, hash = Hasher.HashPassword(user, password), role, now = time.GetUtcNow().ToStored(), stamp = NewStamp() },
            cancellationToken: ct));
        return added == 1;
    }

    /// <summary>Deletes the user with their sessions and recovery codes.</summary>
    public Task<bool> RemoveAsync(string userName, CancellationToken ct) =>
        ChangeAsync("DELETE FROM operators WHERE user_name = @userName", new { userName }, ct, "DELETE FROM recovery_codes WHERE user_name = @userName");

    /// <summary>A new password; every session of the user ends.</summary>
    public Task<bool> SetPasswordAsync(string userName, string password, CancellationToken ct) =>
        ChangeAsync("UPDATE operators SET password_hash = @hash, security_stamp = @stamp WHERE user_name = @userName",
            new { userName, hash = Hasher.HashPassword(new OperatorUser(userName, OperatorRoles.Viewer), password), stamp = NewStamp() }, ct);

    /// <summary>A new role; every session of the user ends (the next sign-in carries the new role).</summary>
    public Task<bool> SetRoleAsync(string userName, string role, CancellationToken ct) =>
        ChangeAsync("UPDATE operators SET role = @role, security_stamp = @stamp WHERE user_name = @userName",
            new { userName, role, stamp = NewStamp() }, ct);

    /// <summary>Ends every session of the user (sign-out clears the server side this way).</summary>
    public Task EndSessionsAsync(string userName, CancellationToken ct) =>
        ChangeAsync("UPDATE operators SET security_stamp = @stamp WHERE user_name = @userName", new { userName, stamp = NewStamp() }, ct);

    /// <summary>The user's role and security stamp as they are now, or null when the user is gone.</summary>
    public async Task<(string Role, string Stamp)?> SessionOfAsync(string userName, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<(string Role, string Stamp)?>(new CommandDefinition(
            "SELECT role, security_stamp FROM operators WHERE user_name = @userName", new { userName }, cancellationToken: ct));
    }

    /// <summary>The user when the password matches, otherwise null.</summary>
    public async Task<OperatorUser?> VerifyAsync(string userName, string password, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string UserName, string Hash, string Role, string Stamp)?>(new CommandDefinition(
            "SELECT user_name, password_hash, role, security_stamp FROM operators WHERE user_name = @userName",
            new { userName }, cancellationToken: ct));
        if (row is not { } found)
        {
            // Hash anyway, so a missing user takes as long as a wrong password.
            Hasher.HashPassword(new OperatorUser(userName, OperatorRoles.Viewer), password);
            return null;
        }

        var user = new OperatorUser(found.UserName, found.Role, found.Stamp);
        return Hasher.VerifyHashedPassword(user, found.Hash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    public async Task<IReadOnlyList<OperatorUser>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string UserName, string Role, long? LockedUntil, long HasPhone)>(new CommandDefinition(
            "SELECT user_name, role, locked_until, CAST(CASE WHEN phone IS NULL THEN 0 ELSE 1 END AS BIGINT) FROM operators ORDER BY user_name", cancellationToken: ct));
        var now = time.GetUtcNow();
        return rows.Select(r => new OperatorUser(r.UserName, r.Role)
        {
            LockedUntil = r.LockedUntil is { } until && UnixTime.FromStored(until) > now ? UnixTime.FromStored(until) : null,
            HasPhone = r.HasPhone == 1,
        }).ToList();
    }

    /// <summary>A change of the user's row that ends every session of the user: the stamp sessions carry changes (or
    /// the row goes) and the session rows go in the same transaction, so the sessions list never shows a dead one.</summary>
    private async Task<bool> ChangeAsync(string sql, object parameters, CancellationToken ct, string? alsoSql = null)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct)) == 1;
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM operator_sessions WHERE user_name = @userName",
            parameters, transaction, cancellationToken: ct));
        if (alsoSql is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(alsoSql, parameters, transaction, cancellationToken: ct));
        }

        await transaction.CommitAsync(ct);
        return changed;
    }

    /// <summary>Why <paramref name="userName"/> cannot name a user, or null when it can.</summary>
    public static string? UserNameProblem(string? userName) => userName switch
    {
        null or "" => "A user name is required.",
        { Length: > 64 } => "A user name has at most 64 characters.",
        _ when userName.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) => "A user name has no spaces.",
        _ => null,
    };

    /// <summary>Why <paramref name="password"/> cannot be a password, or null when it can.</summary>
    public static string? PasswordProblem(string? password) =>
        password is { Length: >= 8 } ? null : "A password has at least 8 characters.";

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <param name="SecurityStamp">Set when read for a sign-in: the stamp the new session carries.</param>
public sealed record OperatorUser(string UserName, string Role, string SecurityStamp = "")
{
    /// <summary>When the user's sign-in lock-out ends (null when not locked out).</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Whether a phone number for second-factor codes is on file (set when listed).</summary>
    public bool HasPhone { get; init; }
}
