using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MlConnector.Syspro;

/// <summary>Why a request to SYSPRO failed, in an operator's words (the poll's error on the dashboard, /health and the
/// rules API): what failed and what to do, never an exception's type name.</summary>
public static class SysproFailureText
{
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            SysproException s => s.Message,
            BrokenCircuitException => "SYSPRO is not being asked for now: too many of its recent answers were errors or came too late, "
                + "so the connector pauses its requests for a few seconds and then tries again by itself. If this lasts, check that "
                + "SYSPRO's OData or e.net service is running and reachable from this machine.",
            TimeoutRejectedException or TaskCanceledException =>
                "SYSPRO did not answer in time (Syspro:OData:Timeout or Syspro:Enet:Timeout); the next poll asks again.",
            HttpRequestException h => $"SYSPRO could not be reached or answered with an error: {h.Message}",
            _ => $"the request to SYSPRO failed unexpectedly: {e.Message}",
        };
    }
}
