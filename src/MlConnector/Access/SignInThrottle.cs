using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using MlConnector.Audit;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>What a sign-in attempt came to: the user, or why not (a wrong password, or a lock-out and until when).</summary>
public sealed record SignInAttempt(OperatorUser? User, DateTimeOffset? LockedUntil)
{
    public bool Succeeded => User is not null;
}

/// <summary>Sign-in with throttling: wrong passwords are counted per user in the <c>operators</c> row (so every
/// instance sharing the database sees them) and per source address in memory; too many lock the user (or address) out
/// for a while, audited once per lock-out. A locked user is refused without looking at the password.</summary>
public sealed class SignInThrottle(OperatorStore operators, IDbDialect dialect, TimeProvider time, IOptions<SignInOptions> options,
    ILogger<SignInThrottle> logger)
{
    private readonly ConcurrentDictionary<string, AddressFailures> _addresses = new(StringComparer.Ordinal);

    /// <param name="address">The source address, or null for loopback (a proxy on this machine speaks for everyone).</param>
    /// <param name="secondFactorFollows">Whether a second factor follows the password: the count of failures is then
    /// cleared only once that succeeds too (<see cref="SucceededAsync"/>), so re-entering a known password never buys
    /// more guesses at the code.</param>
    public async Task<SignInAttempt> SignInAsync(string userName, string password, string? address, CancellationToken ct,
        bool secondFactorFollows = false)
    {
        if (await LockedUntilAsync(userName, address, ct) is { } locked)
        {
            return new SignInAttempt(null, locked);
        }

        if (await operators.VerifyAsync(userName, password, ct) is { } user)
        {
            if (!secondFactorFollows)
            {
                await SucceededAsync(userName, ct);
            }

            return new SignInAttempt(user, null);
        }

        logger.SignInFailed(userName);
        return new SignInAttempt(null, await FailedAsync(userName, address, ct));
    }

    /// <summary>Until when the user (or the source address) is locked out of sign-in; null when not.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string userName, string? address, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (address is not null && AddressLockedUntil(address, now) is { } addressLock)
        {
            return addressLock;
        }

        return await LockedUntilAsync(userName, now, ct);
    }

    /// <summary>Counts a failed attempt (a wrong password, or a wrong second-factor code) for the user and the address;
    /// returns the lock-out's end when this one reached a limit.</summary>
    public async Task<DateTimeOffset?> FailedAsync(string userName, string? address, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var locked = await CountFailureAsync(userName, address, now, o, ct);
        if (address is not null && CountAddressFailure(address, now, o) is { } lockedAddress)
        {
            await AuditAsync(AuditKinds.SignInLocked, "address:" + address, new { address, lockedUntil = lockedAddress }, ct);
            logger.AddressLockedOut(address, lockedAddress);
            locked ??= lockedAddress;
        }

        return locked;
    }

    /// <summary>A complete sign-in: the user's count of failures starts again.</summary>
    public Task SucceededAsync(string userName, CancellationToken ct) => ClearAsync(userName, ct);

    private async Task<DateTimeOffset?> LockedUntilAsync(string userName, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var until = UnixTime.FromStored(await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT locked_until FROM operators WHERE user_name = @userName", new { userName }, cancellationToken: ct)));
        return until > now ? until : null;
    }

    private async Task ClearAsync(string userName, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET failed_sign_ins = 0, failed_since = NULL, locked_until = NULL WHERE user_name = @userName AND (failed_sign_ins > 0 OR locked_until IS NOT NULL)",
            new { userName }, cancellationToken: ct));
    }

    /// <summary>Counts a wrong password in the user's window (one statement, so concurrent attempts all count); the
    /// one that reaches the limit locks the user out and audits it in the same transaction.</summary>
    private async Task<DateTimeOffset?> CountFailureAsync(string userName, string? address, DateTimeOffset now, SignInOptions o, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var failures = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            UPDATE operators SET
                failed_sign_ins = CASE WHEN failed_since IS NULL OR failed_since <= @windowStart THEN 1 ELSE failed_sign_ins + 1 END,
                failed_since = CASE WHEN failed_since IS NULL OR failed_since <= @windowStart THEN @now ELSE failed_since END
            WHERE user_name = @userName
            RETURNING failed_sign_ins
            """,
            new { userName, now = now.ToStored(), windowStart = (now - o.Window).ToStored() }, transaction, cancellationToken: ct));
        if (failures is not { } count || count < o.MaxFailures)
        {
            await transaction.CommitAsync(ct);
            return null;
        }

        var until = now + o.Lockout;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET locked_until = @until, failed_sign_ins = 0, failed_since = NULL WHERE user_name = @userName",
            new { userName, until = until.ToStored() }, transaction, cancellationToken: ct));
        await AuditWriter.AppendAsync(connection, transaction, new AuditEntry("default", null, now, AuditKinds.SignInLocked, userName,
            JsonSerializer.Serialize(new { failures = count, within = o.Window.ToString(), lockedUntil = until, address })), ct);
        await transaction.CommitAsync(ct);
        logger.UserLockedOut(userName, count, until);
        return until;
    }

    private async Task AuditAsync(string kind, string actor, object detail, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await AuditWriter.AppendAsync(connection, transaction,
            new AuditEntry("default", null, time.GetUtcNow(), kind, actor, JsonSerializer.Serialize(detail)), ct);
        await transaction.CommitAsync(ct);
    }

    private DateTimeOffset? AddressLockedUntil(string address, DateTimeOffset now) =>
        _addresses.TryGetValue(address, out var f) && f.LockedUntil > now ? f.LockedUntil : null;

    /// <summary>Counts a failure from an address; the lock-out's end when this one reached the limit.</summary>
    private DateTimeOffset? CountAddressFailure(string address, DateTimeOffset now, SignInOptions o)
    {
        if (_addresses.Count > 10_000)
        {
            foreach (var stale in _addresses.Where(a => a.Value.Since < now - o.Window && a.Value.LockedUntil < now))
            {
                _addresses.TryRemove(stale);
            }
        }

        var failures = _addresses.GetOrAdd(address, _ => new AddressFailures());
        lock (failures)
        {
            if (failures.Since <= now - o.Window)
            {
                (failures.Since, failures.Count) = (now, 0);
            }

            if (++failures.Count < o.MaxFailuresPerAddress)
            {
                return null;
            }

            (failures.Count, failures.LockedUntil) = (0, now + o.Lockout);
            return failures.LockedUntil;
        }
    }

    private sealed class AddressFailures
    {
        public DateTimeOffset Since { get; set; } = DateTimeOffset.MinValue;

        public int Count { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
