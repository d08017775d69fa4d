using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Recipients;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Security;

/// <summary>The keys of the scheme before envelope encryption, written out here as that version derived them (HKDF-SHA256
/// of the master key; one key per key id and one blind-index key), to build a database the old way.</summary>
internal static class LegacyScheme
{
    public static byte[] FieldKey(byte[] master, int keyId) => HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32,
        info: Encoding.UTF8.GetBytes($"ml-connector/v1/encryption/{keyId}"));

    public static byte[] BlindIndexKey(byte[] master) => HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32,
        info: Encoding.UTF8.GetBytes("ml-connector/v1/blind-index"));

    /// <summary>A protector with the derived keys of ids 1..<paramref name="newestKeyId"/>, writing under <paramref name="activeKeyId"/>.</summary>
    public static FieldProtector Protector(byte[] master, int activeKeyId, int newestKeyId = 2)
    {
        var keys = Enumerable.Range(1, newestKeyId).ToDictionary(id => id, id => FieldKey(master, id));
        var protector = new FieldProtector(new DataKeySet(BlindIndexKey(master), keys));
        protector.Activate(activeKeyId);
        return protector;
    }
}

/// <summary>Writes and reads sealed values the way the features do, for the key tests.</summary>
internal static class KeyTestData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static byte[] MasterKeyBytes(string keyFile) => Convert.FromBase64String(File.ReadAllText(keyFile).Trim());

    /// <summary>An alert as detection enqueues it (phone, body and the audit's sealed detail), sealed by <paramref name="protector"/>.</summary>
    public static async Task<long> EnqueueAsync(IDbDialect dialect, FieldProtector protector, string phone, string body, string sourceKey)
    {
        await using var connection = await dialect.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var id = await new AlertEnqueuer(protector).EnqueueAsync(connection, transaction,
            new NewAlert("default", "po-submitted", "PorMasterHdr", sourceKey, "0->1", Guid.NewGuid().ToString("N"), "approver",
                phone, body, 1, "Gsm7", null), new Dictionary<string, string?>(), TestClock.Start, Ct);
        await transaction.CommitAsync(Ct);
        return id!.Value;
    }

    public static async Task OptOutAsync(IDbDialect dialect, FieldProtector protector, string phone)
    {
        await using var connection = await dialect.OpenAsync(Ct);
        // Sender "default" (what the test reads back under), company "default".
        await OptOutList.AddAsync(connection, null, "default", protector.BlindIndex(phone), protector.Protect(phone, OptOutList.PhonePurpose),
            "default", "STOP", TestClock.Start, Ct);
    }

    public static async Task ExecuteAsync(IDbDialect dialect, string sql, object? args = null)
    {
        await using var connection = await dialect.OpenAsync(Ct);
        await connection.ExecuteAsync(sql, args);
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(IDbDialect dialect, string sql, object? args = null)
    {
        await using var connection = await dialect.OpenAsync(Ct);
        return [.. await connection.QueryAsync<T>(sql, args)];
    }

    /// <summary>Decrypts every sealed value of every declared column with the host's keys (throws on the first that
    /// fails); returns the key id of each.</summary>
    public static async Task<IReadOnlyList<int>> DecryptAllAsync(IServiceProvider services)
    {
        var dialect = services.GetRequiredService<IDbDialect>();
        var protector = services.GetRequiredService<FieldProtector>();
        var keyIds = new List<int>();
        foreach (var column in services.GetServices<SealedColumn>())
        {
            foreach (var blob in await QueryAsync<byte[]>(dialect, $"SELECT {column.Column} FROM {column.Table} WHERE {column.Column} IS NOT NULL"))
            {
                _ = protector.Unprotect(blob, column.Purpose);
                keyIds.Add(FieldProtector.KeyIdOf(blob));
            }
        }

        return keyIds;
    }
}
