namespace MlConnector.Cli.Init;

/// <summary>SYSPRO or Twilio refused the answers given with <c>--yes</c> (exit 1; nothing is written).</summary>
internal sealed class SetupCheckFailedException(string message) : Exception(message);
