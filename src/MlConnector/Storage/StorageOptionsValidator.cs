using Microsoft.Extensions.Options;

namespace MlConnector.Storage;

/// <summary>Checks the storage settings at start-up; every message names the setting as it is written in configuration.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Storage:Provider must be Sqlite or Postgres.");
        }

        if (string.IsNullOrWhiteSpace(options.DataFolder))
        {
            failures.Add("Storage:DataFolder must not be empty.");
        }

        if (options.CommandTimeout < TimeSpan.FromSeconds(1) || options.CommandTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Storage:CommandTimeout must be between 00:00:01 and 00:10:00 (it is {options.CommandTimeout}).");
        }

        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Storage:ConnectionString is required when Storage:Provider is Postgres " +
                "(for example Host=db;Database=mlconnector;Username=mlc;Password=...).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
