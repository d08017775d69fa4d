namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>A business object this simulator does not have: answered with <c>e.net exception 100000</c>.</summary>
internal sealed class UnknownBusinessObjectException : Exception;
