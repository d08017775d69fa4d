namespace MlConnector.Hosting;

/// <summary>Everything that stops start-up, found at once: each problem is one line that names its setting
/// (<c>Rules:po-submitted:Cadence: '15 minutes' is not a duration; write 00:15:00</c>), or says what else is wrong
/// (no master key, the database cannot be opened, the port is taken).</summary>
public sealed class StartupProblemsException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
