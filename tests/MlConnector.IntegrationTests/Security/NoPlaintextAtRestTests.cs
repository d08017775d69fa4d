using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Security;

public sealed class NoPlaintextAtRestTests
{
    private const string Phone = "+15557654321";
    private const string Body = "PO 000000000150802 for Müller & O'Brien awaits your approval: 12,345.67 USD, 7 lines";

    [Fact]
    public async Task SqliteFiles_HoldNoPlaintextOfProtectedValues()
    {
        using var folder = new TempFolder();
        var dialect = StorageExtensions.CreateDialect(new StorageOptions { DataFolder = folder.Path });
        dialect.Migrate();
        var protector = new FieldProtector(DataKeySet.CreateRandom());

        await using (var connection = await dialect.OpenAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO alerts (company_id, alert_key, rule_id, source_table, source_key, transition, recipient_id,
                    recipient_phone, recipient_phone_index, body, segments, encoding, state, created_at, updated_at)
                VALUES ('default', 'k1', 'po-submitted', 'PorMasterHdr', '000000000150802', '0->1', 'approver',
                    @phone, @index, @body, 1, 'UCS-2', 'pending', 1, 1)
                """,
                new
                {
                    phone = protector.Protect(Phone, "alert.phone"),
                    index = protector.BlindIndex(Phone),
                    body = protector.Protect(Body, "alert.body"),
                });
            await connection.ExecuteAsync(
                "INSERT INTO opt_outs (sender_key, company_id, phone_index, phone, opted_out_at, source) VALUES ('+15005550006', 'default', @index, @phone, 1, 'STOP')",
                new { index = protector.BlindIndex(Phone), phone = protector.Protect(Phone, "optout.phone") });

            // Written and committed, still in the -wal file: search it before any checkpoint.
            AssertNoPlaintext(folder.Path, expectWal: true);

            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        SqliteConnection.ClearAllPools();
        AssertNoPlaintext(folder.Path, expectWal: false);
        await using var reader = await dialect.OpenAsync(TestContext.Current.CancellationToken);
        var stored = await reader.QuerySingleAsync<byte[]>("SELECT body FROM alerts");
        Assert.Equal(Body, protector.Unprotect(stored, "alert.body"));
        SqliteConnection.ClearAllPools();
    }

    private static void AssertNoPlaintext(string folder, bool expectWal)
    {
        var files = Directory.GetFiles(folder, "ml-connector.db*");
        if (expectWal)
        {
            Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        }

        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in new[] { Phone, "5557654321", Body, "Müller & O'Brien" })
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)), $"{Path.GetFileName(file)} holds '{secret}' in UTF-8");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(secret)), $"{Path.GetFileName(file)} holds '{secret}' in UTF-16");
            }
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
