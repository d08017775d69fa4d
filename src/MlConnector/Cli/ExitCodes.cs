namespace MlConnector.Cli;

/// <summary>Exit codes shared by every verb (documented in the README).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The work ran and failed (a check did not pass, a send failed).</summary>
    public const int Failed = 1;
    /// <summary>Configuration or environment prevents starting (bad setting, missing key, database unreachable).</summary>
    public const int Configuration = 2;
    /// <summary>The command line itself was wrong (handled by System.CommandLine).</summary>
    public const int Usage = 64;
}
