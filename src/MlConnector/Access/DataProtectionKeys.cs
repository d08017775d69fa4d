using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>The keys behind session cookies and antiforgery tokens: in the shared database on PostgreSQL, in the data
/// folder on SQLite (so sessions survive a restart and a service account needs no home folder), each sealed by a data
/// key (under the master key) like every other secret.</summary>
internal static class DataProtectionKeys
{
    public const string Purpose = "dataprotection.key";

    public static IServiceCollection AddDataProtectionKeys(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("ml-connector");
        // Resolved lazily: the key ring is configured while the host is built, before settings and the master key
        // have been checked, and those checks must keep reporting their own clear errors.
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                o.XmlRepository = new LazyRepository(sp);
                o.XmlEncryptor = new MasterKeyXmlEncryptor(sp);
            });
        return services;
    }

    /// <summary>On PostgreSQL, the database every instance shares (Security's <c>DatabaseXmlRepository</c>), so each
    /// instance accepts the others' cookies. On SQLite (one instance), the key files, in <c>dataprotection-keys</c> in
    /// the data folder: the folders 0700 and every key file 0600 on Unix (FileSystemXmlRepository would leave them to
    /// the umask).</summary>
    private sealed class LazyRepository(IServiceProvider services) : IXmlRepository
    {
        private readonly Lazy<(IXmlRepository Repository, string? Folder)> _inner = new(() =>
        {
            if (services.GetRequiredService<IDbDialect>().Provider == StorageProvider.Postgres)
            {
                return (services.GetRequiredService<DatabaseXmlRepository>(), null);
            }

            var dataFolder = services.GetRequiredService<IOptions<StorageOptions>>().Value.DataFolder;
            var folder = Path.Combine(dataFolder, "dataprotection-keys");
            PrivateFiles.EnsureFolder(dataFolder);
            PrivateFiles.EnsureFolder(folder);
            PrivateFiles.Restrict(Directory.GetFiles(folder));
            return (new FileSystemXmlRepository(new DirectoryInfo(folder), services.GetRequiredService<ILoggerFactory>()), folder);
        });

        public IReadOnlyCollection<XElement> GetAllElements() => _inner.Value.Repository.GetAllElements();

        public void StoreElement(XElement element, string friendlyName)
        {
            _inner.Value.Repository.StoreElement(element, friendlyName);
            if (_inner.Value.Folder is { } folder)
            {
                PrivateFiles.Restrict(Directory.GetFiles(folder));
            }
        }
    }
}

internal sealed class MasterKeyXmlEncryptor(IServiceProvider services) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealedKey = services.GetRequiredService<FieldProtector>().Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), DataProtectionKeys.Purpose);
        return new EncryptedXmlInfo(new XElement("sealed", Convert.ToBase64String(sealedKey)), typeof(MasterKeyXmlDecryptor));
    }
}

internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var protector = services.GetRequiredService<FieldProtector>();
        return XElement.Parse(protector.Unprotect(Convert.FromBase64String(encryptedElement.Value), DataProtectionKeys.Purpose));
    }
}
