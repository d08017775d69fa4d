using System.Security.Cryptography;
using Dapper;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>One-time recovery codes: the way in when no Verify code can reach the user's phone. A set of
/// <see cref="SetSize"/> is generated at once and shown once; a new set replaces the old one. Each code is 10 characters
/// of Crockford's base32 (50 random bits), written <c>xxxxx-xxxxx</c>, and stored only as a keyed hash (HMAC-SHA256
/// under the blind-index key, which the database does not hold, so a copy of the database alone cannot be searched for
/// them). A code works once: using it marks it spent in the same statement that checks it.</summary>
public sealed class RecoveryCodes(IDbDialect dialect, FieldProtector protector, TimeProvider time)
{
    public const int SetSize = 10;
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int Length = 10;

    /// <summary>Replaces the user's codes with a new set and returns it (the only time the codes are readable), or
    /// null when there is no such user.</summary>
    public async Task<IReadOnlyList<string>?> RegenerateAsync(string userName, CancellationToken ct)
    {
        var codes = Enumerable.Range(0, SetSize).Select(_ => NewCode()).ToList();
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM operators WHERE user_name = @userName",
            new { userName }, transaction, cancellationToken: ct)) == 0)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM recovery_codes WHERE user_name = @userName",
            new { userName }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO recovery_codes (user_name, code_hash, created_at) VALUES (@userName, @hash, @now)",
            codes.Select(c => new { userName, hash = Hash(userName, Normalize(c)!), now = time.GetUtcNow().ToStored() }),
            transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return [.. codes.Select(c => $"{c[..5]}-{c[5..]}")];
    }

    /// <summary>Spends one of the user's codes: true when <paramref name="code"/> was an unused code of theirs (case,
    /// spaces and dashes do not matter; O, I and L read as 0, 1 and 1).</summary>
    public async Task<bool> UseAsync(string userName, string code, CancellationToken ct)
    {
        if (Normalize(code) is not { } normalized)
        {
            return false;
        }

        await using var connection = await dialect.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE recovery_codes SET used_at = @now WHERE user_name = @userName AND code_hash = @hash AND used_at IS NULL",
            new { userName, hash = Hash(userName, normalized), now = time.GetUtcNow().ToStored() }, cancellationToken: ct)) == 1;
    }

    /// <summary>How many of the user's codes are unused.</summary>
    public async Task<int> RemainingAsync(string userName, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_name = @userName AND used_at IS NULL", new { userName }, cancellationToken: ct));
    }

    private string Hash(string userName, string normalized) => protector.BlindIndex($"recovery-code|{userName}|{normalized}");

    private static string NewCode() => string.Concat(Enumerable.Range(0, Length).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));

    private static string? Normalize(string? code)
    {
        var plain = string.Concat((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')).ToLowerInvariant()
            .Replace('o', '0').Replace('i', '1').Replace('l', '1');
        return plain.Length == Length && plain.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? plain : null;
    }
}
