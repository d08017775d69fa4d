using MlConnector.Storage;

namespace MlConnector.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    private readonly StorageOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(_validator.Validate(null, new StorageOptions()).Succeeded);

    [Fact]
    public void Validate_PostgresWithoutConnectionString_NamesTheSetting()
    {
        var result = _validator.Validate(null, new StorageOptions { Provider = StorageProvider.Postgres });

        Assert.True(result.Failed);
        Assert.Contains("Storage:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CommandTimeoutOutOfRange_NamesTheSetting()
    {
        var result = _validator.Validate(null, new StorageOptions { CommandTimeout = TimeSpan.FromHours(1) });

        Assert.True(result.Failed);
        Assert.Contains("Storage:CommandTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyDataFolder_NamesTheSetting()
    {
        var result = _validator.Validate(null, new StorageOptions { DataFolder = "" });

        Assert.Contains("Storage:DataFolder", result.FailureMessage, StringComparison.Ordinal);
    }
}
