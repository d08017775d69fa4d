namespace MlConnector.Probes;

/// <summary>One connection check of <c>ping</c>: what was checked, whether it passed, and why. A warning passes (the
/// exit code stays 0) but is shown as WARN: something that works here and will not work for Twilio.</summary>
public sealed record ProbeResult(string Target, bool Passed, string Message, bool Warning = false)
{
    public string Verdict => !Passed ? "FAIL" : Warning ? "WARN" : "PASS";
}
