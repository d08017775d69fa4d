namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>A query SYSPRO would reject; its message goes back as <c>ERROR: ...</c> text.</summary>
internal sealed class ComfndException(string message) : Exception(message);
