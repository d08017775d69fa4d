namespace MlConnector.Probes;

/// <summary>One connection check of <c>ping</c>: what was checked, whether it passed, and why.</summary>
public sealed record ProbeResult(string Target, bool Passed, string Message);
