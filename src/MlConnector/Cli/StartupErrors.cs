using Microsoft.Extensions.Options;
using MlConnector.Security;

namespace MlConnector.Cli;

/// <summary>Turns the errors that stop start-up into one clear line for the operator instead of a stack trace.</summary>
internal static class StartupErrors
{
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            await Console.Error.WriteLineAsync($"ml-connector: cannot start: {message}");
            return ExitCodes.Configuration;
        }
    }

    private static string? Describe(Exception e) => e switch
    {
        OptionsValidationException v => v.Failures.Count() == 1
            ? v.Failures.Single()
            : string.Concat(v.Failures.Select(f => Environment.NewLine + "  " + f)),
        MasterKeyException k => k.Message,
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerException!),
        InvalidOperationException { InnerException: { } inner } when Describe(inner) is { } m => m,
        // The configuration binder's own message names the setting: "Failed to convert configuration value at 'X'...".
        InvalidOperationException b when b.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
            => b.Message,
        InvalidDataException d => d.Message,
        _ => null,
    };
}
