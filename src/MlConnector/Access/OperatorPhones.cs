using Dapper;
using Microsoft.Extensions.Options;
using MlConnector.Recipients;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>Each user's phone number for second-factor codes, in <c>operators.phone</c>: read in any common notation
/// (as the directory reads people's numbers, with <c>Directory:DefaultRegion</c>), kept in E.164 and sealed like every
/// other phone number (<see cref="FieldProtector"/>, purpose <see cref="Purpose"/>; <c>keys rotate</c> re-encrypts it).</summary>
public sealed class OperatorPhones(IDbDialect dialect, FieldProtector protector, IOptions<DirectoryOptions> directory)
{
    public const string Purpose = "operator.phone";

    /// <summary>Why <paramref name="phone"/> cannot be a user's phone number, or null when it can (blank: none).</summary>
    public string? Problem(string? phone) =>
        string.IsNullOrWhiteSpace(phone) || PhoneFormat.TryNormalize(phone, directory.Value.DefaultRegion, out _, out var error)
            ? null : $"The phone number is {error}.";

    /// <summary>Sets (or, with null or blank, removes) the user's phone number.</summary>
    public async Task<PhoneChange> SetAsync(string userName, string? phone, CancellationToken ct)
    {
        string? e164 = null;
        if (!string.IsNullOrWhiteSpace(phone) && !PhoneFormat.TryNormalize(phone, directory.Value.DefaultRegion, out e164, out var error))
        {
            return new PhoneChange(false, $"The phone number is {error}.");
        }

        await using var connection = await dialect.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition("UPDATE operators SET phone = @sealedPhone WHERE user_name = @userName",
            new { userName, sealedPhone = e164 is null ? null : protector.Protect(e164, Purpose) }, cancellationToken: ct)) == 1;
        return changed ? new PhoneChange(true, e164 is null ? "removed" : PhoneFormat.Mask(e164), e164) : new PhoneChange(false, $"There is no user {userName}.");
    }

    /// <summary>The user's phone number in E.164, or null when none is on file (or there is no such user).</summary>
    public async Task<string?> GetAsync(string userName, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var sealedPhone = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT phone FROM operators WHERE user_name = @userName", new { userName }, cancellationToken: ct));
        return sealedPhone is null ? null : protector.Unprotect(sealedPhone, Purpose);
    }
}

/// <summary>What setting a phone number came to: done (<paramref name="Message"/> is the masked number, or
/// "removed"), or why not.</summary>
public sealed record PhoneChange(bool Done, string Message, string? Phone = null);
