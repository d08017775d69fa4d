using Dapper;
using Microsoft.AspNetCore.Identity;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>The people who may sign in; passwords hashed with ASP.NET Core Identity's <see cref="PasswordHasher{T}"/>.</summary>
public sealed class OperatorStore(IDbDialect dialect, TimeProvider time)
{
    private static readonly PasswordHasher<OperatorUser> Hasher = new();

    public async Task<bool> AddAsync(string userName, string password, string role, CancellationToken ct)
    {
        var user = new OperatorUser(userName, role);
        await using var connection = await dialect.OpenAsync(ct);
        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO operators (user_name, password_hash, role, created_at) VALUES (@userName, @hash, @role, @now)
            ON CONFLICT (user_name) DO NOTHING
            """,
            new { userName, hash = Hasher.HashPassword(user, password), role, now = time.GetUtcNow().ToStored() },
            cancellationToken: ct));
        return added == 1;
    }

    public async Task<bool> RemoveAsync(string userName, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM operators WHERE user_name = @userName", new { userName }, cancellationToken: ct)) == 1;
    }

    /// <summary>The user when the password matches, otherwise null.</summary>
    public async Task<OperatorUser?> VerifyAsync(string userName, string password, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string UserName, string Hash, string Role)?>(new CommandDefinition(
            "SELECT user_name, password_hash, role FROM operators WHERE user_name = @userName", new { userName }, cancellationToken: ct));
        if (row is not { } found)
        {
            // Hash anyway, so a missing user takes as long as a wrong password.
            Hasher.HashPassword(new OperatorUser(userName, OperatorRoles.Viewer), password);
            return null;
        }

        var user = new OperatorUser(found.UserName, found.Role);
        return Hasher.VerifyHashedPassword(user, found.Hash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    public async Task<IReadOnlyList<OperatorUser>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string UserName, string Role)>(new CommandDefinition(
            "SELECT user_name, role FROM operators ORDER BY user_name", cancellationToken: ct));
        return rows.Select(r => new OperatorUser(r.UserName, r.Role)).ToList();
    }
}

public sealed record OperatorUser(string UserName, string Role);
