using MlConnector.Hosting;
using MlConnector.Settings;

namespace MlConnector.Cli;

/// <summary>Turns the foreseeable errors that stop a verb (settings, settings files, the key, the database, the
/// listening port) into one clear line each on standard error and exit 2, instead of a stack trace.</summary>
internal static class StartupErrors
{
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (Describe(e) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                await CliConsole.Error.WriteLineAsync($"ml-connector: {problem}");
            }

            return ExitCodes.Configuration;
        }
    }

    private static IReadOnlyList<string> Describe(Exception e) => StartupChecks.Describe(e) is { Count: > 0 } known
        ? known
        : e switch
        {
            // appsettings.json that does not parse fails while the host builder reads it.
            InvalidDataException when SettingsFileException.From(e) is { } file => [file.Message],
            // The port was taken between the check and the start.
            IOException when e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                => [$"{StartupChecks.CannotStart}Urls: {e.Message.TrimEnd('.')}; stop the other program, or listen elsewhere with --urls"],
            AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerException!),
            _ => [],
        };
}
