using Microsoft.Extensions.Options;

namespace MlConnector.Security;

/// <summary>Start-up checks of <see cref="SecurityOptions"/>: a key file named must be a path. Whether the file exists,
/// is readable and lies outside the data folder is <see cref="MasterKeyLoader"/>'s, which reads it.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        if (options.KeyFile is not { } keyFile)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(keyFile))
        {
            return ValidateOptionsResult.Fail("Security:KeyFile: is blank; name the file that holds the master key, or leave it out and set MLC_MASTER_KEY");
        }

        return keyFile.IndexOfAny(Path.GetInvalidPathChars()) >= 0
            ? ValidateOptionsResult.Fail($"Security:KeyFile: '{keyFile}' is not a file path")
            : ValidateOptionsResult.Success;
    }
}
