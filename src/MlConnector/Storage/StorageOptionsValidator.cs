using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MlConnector.Settings;
using Npgsql;

namespace MlConnector.Storage;

/// <summary>The DataAnnotations of <see cref="StorageOptions"/>, checked by generated code.</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsAnnotations : IValidateOptions<StorageOptions>;

/// <summary>Checks the storage settings at start-up; every message names the setting as it is written in configuration.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = AnnotationMessages.Check(new StorageOptionsAnnotations(), StorageOptions.SectionName, options).ToList();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Storage:Provider must be Sqlite or Postgres.");
        }

        if (string.IsNullOrWhiteSpace(options.DataFolder) && !failures.Any(f => f.StartsWith("Storage:DataFolder", StringComparison.Ordinal)))
        {
            failures.Add("Storage:DataFolder must not be empty.");
        }

        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Storage:ConnectionString is required when Storage:Provider is Postgres " +
                "(for example Host=db;Database=mlconnector;Username=mlc;Password=...).");
        }
        else if (!string.IsNullOrWhiteSpace(options.ConnectionString) && ConnectionStringProblem(options) is { } problem)
        {
            failures.Add($"Storage:ConnectionString: is not a {options.Provider} connection string ({problem})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The builders' messages name the keyword that is wrong, never the value, so a password is not repeated.
    private static string? ConnectionStringProblem(StorageOptions options)
    {
        try
        {
            DbConnectionStringBuilder _ = options.Provider == StorageProvider.Postgres
                ? new NpgsqlConnectionStringBuilder(options.ConnectionString)
                : new SqliteConnectionStringBuilder(options.ConnectionString);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return e.Message.TrimEnd('.');
        }
    }
}
