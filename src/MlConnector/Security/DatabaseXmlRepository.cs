using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using MlConnector.Storage;

namespace MlConnector.Security;

/// <summary>
/// The ASP.NET Core Data Protection key ring (session cookies, antiforgery tokens) in the shared database
/// (<c>data_protection_keys</c>), so every instance on one PostgreSQL database accepts every instance's cookies. Each
/// key arrives sealed by the key ring's encryptor (a data key, so under the master key); this stores it as it comes.
/// </summary>
/// <remarks>Data Protection calls the repository synchronously (rarely: at start, when a key is made, when its cached key
/// ring expires), so the database is waited for here.</remarks>
internal sealed class DatabaseXmlRepository(IDbDialect dialect, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => GetAllAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        StoreAsync(element, string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString() : friendlyName).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> GetAllAsync()
    {
        await using var connection = await dialect.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, name");
        return [.. rows.Select(XElement.Parse)];
    }

    private async Task StoreAsync(XElement element, string name)
    {
        await using var connection = await dialect.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            """
            INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @now)
            ON CONFLICT (name) DO UPDATE SET xml = excluded.xml
            """,
            new { name, xml = element.ToString(SaveOptions.DisableFormatting), now = time.GetUtcNow().ToStored() });
    }
}
