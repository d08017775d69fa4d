using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Access;

/// <summary>The keys behind session cookies and antiforgery tokens: kept in the data folder (so sessions survive a
/// restart and a service account needs no home folder), encrypted under the master key like every other secret.</summary>
internal static class DataProtectionKeys
{
    public const string Purpose = "dataprotection.key";

    public static IServiceCollection AddDataProtectionKeys(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("ml-connector");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<StorageOptions>, IServiceProvider>((o, storage, sp) =>
            {
                o.XmlRepository = new FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(storage.Value.DataFolder, "dataprotection-keys")), sp.GetRequiredService<ILoggerFactory>());
                o.XmlEncryptor = new MasterKeyXmlEncryptor(sp.GetRequiredService<FieldProtector>());
            });
        return services;
    }
}

internal sealed class MasterKeyXmlEncryptor(FieldProtector protector) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealedKey = protector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), DataProtectionKeys.Purpose);
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
