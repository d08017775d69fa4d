using Microsoft.Extensions.Options;
using MlConnector.Rules;
using MlConnector.Security;
using MlConnector.Storage;

namespace MlConnector.Hosting;

/// <summary>
/// The checks start-up makes before anything runs: every section of the settings (each options class's validator,
/// the same ValidateOnStart runs), the master key, the rules with their templates and recipients, the database, and
/// the data keys the master key opens.
/// <c>run</c>, <c>demo</c>, <c>config validate</c> and the other verbs make them before they do anything, and report
/// every problem found, not only the first.
/// </summary>
internal static class StartupChecks
{
    /// <summary>Prefix of a problem that is not a setting's (the key, the database, the listening address).</summary>
    public const string CannotStart = "cannot start: ";

    /// <param name="needsKey">Whether the master key must be there (the verbs that never decrypt do not need it).</param>
    /// <param name="database">Whether to open the database and bring its schema up to date.</param>
    public static RuleSet Run(IServiceProvider services, bool needsKey = true, bool database = true)
    {
        var problems = new List<string>();
        Collect(problems, () => services.GetService<IStartupValidator>()?.Validate());
        if (needsKey)
        {
            Collect(problems, () => services.GetRequiredService<MasterKey>());
        }

        RuleSet? rules = null;
        Collect(problems, () => rules = services.GetRequiredService<RuleSet>());
        if (problems.Count == 0 && database)
        {
            Collect(problems, () => services.GetRequiredService<IDbDialect>().Migrate());
        }

        if (problems.Count == 0 && database && needsKey)
        {
            // The data keys open with this master key (after keys rotate --master, only the new one opens them).
            Collect(problems, () => services.GetRequiredService<FieldProtector>().Load());
        }

        return problems.Count == 0 ? rules! : throw new StartupProblemsException(problems.Distinct().ToList());
    }

    private static void Collect(List<string> problems, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e) when (Describe(e) is { Count: > 0 } found)
        {
            problems.AddRange(found);
        }
    }

    /// <summary>The problem lines of a foreseeable start-up failure, or none for anything else (a bug keeps its stack).</summary>
    public static IReadOnlyList<string> Describe(Exception e) => e switch
    {
        StartupProblemsException s => s.Problems,
        OptionsValidationException v => [.. v.Failures.Select(f => f.TrimEnd('.'))],
        AggregateException a when a.InnerExceptions.All(i => Describe(i).Count > 0) => [.. a.InnerExceptions.SelectMany(Describe)],
        MasterKeyException k => [CannotStart + k.Message],
        DatabaseUnavailableException d => [CannotStart + d.Message],
        Settings.SettingsFileException f => [f.Message],
        _ => [],
    };
}
