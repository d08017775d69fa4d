using Microsoft.Extensions.Options;

namespace MlConnector.Storage;

[OptionsValidator]
internal sealed partial class StorageOptionsDataAnnotations : IValidateOptions<StorageOptions>;

/// <summary>Rules that span settings, beyond what the attributes say.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private readonly StorageOptionsDataAnnotations _annotations = new();

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var result = _annotations.Validate(name, options);
        if (result.Failed)
        {
            return result;
        }

        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Storage:Provider must be Sqlite or Postgres.");
        }

        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "Storage:ConnectionString is required when Storage:Provider is Postgres " +
                "(for example Host=db;Database=mlconnector;Username=mlc;Password=...).");
        }

        return ValidateOptionsResult.Success;
    }
}
