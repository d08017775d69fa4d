namespace MlConnector.Cli.Init;

/// <summary>An answer <c>init</c> needs is missing or malformed on the command line (exit 64).</summary>
internal sealed class SetupUsageException(string message) : Exception(message);

/// <summary>The operator stopped <c>init</c>, or input ended before every question was answered (exit 1).</summary>
internal sealed class SetupAbortedException(string message) : Exception(message);
