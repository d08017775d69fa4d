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

    public async Task<bool> RemoveAsync(string userName, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM operators WHERE user_name = @userName", new { userName }, cancellationToken: ct)) == 1;
    }

    /// <summary>A new password; every session of the user ends.</summary>
    public async Task<bool> SetPasswordAsync(string userName, string password, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET password_hash = @hash, security_stamp = @stamp WHERE user_name = @userName",
            new { userName, hash = Hasher.HashPassword(new OperatorUser(userName, OperatorRoles.Viewer), password), stamp = NewStamp() },
            cancellationToken: ct)) == 1;
    }

    /// <summary>A new role; every session of the user ends (the next sign-in carries the new role).</summary>
    public async Task<bool> SetRoleAsync(string userName, string role, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET role = @role, security_stamp = @stamp WHERE user_name = @userName",
            new { userName, role, stamp = NewStamp() }, cancellationToken: ct)) == 1;
    }

    /// <summary>Ends every session of the user (sign-out clears the server side this way).</summary>
    public async Task EndSessionsAsync(string userName, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET security_stamp = @stamp WHERE user_name = @userName",
            new { userName, stamp = NewStamp() }, cancellationToken: ct));
    }

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
        var rows = await connection.QueryAsync<(string UserName, string Role, long? LockedUntil)>(new CommandDefinition(
            "SELECT user_name, role, locked_until FROM operators ORDER BY user_name", cancellationToken: ct));
        var now = time.GetUtcNow();
        return rows.Select(r => new OperatorUser(r.UserName, r.Role)
        {
            LockedUntil = r.LockedUntil is { } until && UnixTime.FromStored(until) > now ? UnixTime.FromStored(until) : null,
        }).ToList();
    }

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <param name="SecurityStamp">Set when read for a sign-in: the stamp the new session carries.</param>
public sealed record OperatorUser(string UserName, string Role, string SecurityStamp = "")
{
    /// <summary>When the user's sign-in lock-out ends (null when not locked out).</summary>
    public DateTimeOffset? LockedUntil { get; init; }
}
