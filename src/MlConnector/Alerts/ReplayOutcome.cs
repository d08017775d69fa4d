namespace MlConnector.Alerts;

/// <summary>What a request to replay one alert came to (the CLI, the API and the dashboard each say it their way).</summary>
public enum ReplayOutcome
{
    /// <summary>Queued again: pending, attempts reset, due now.</summary>
    Replayed,

    /// <summary>There is no such alert.</summary>
    NotFound,

    /// <summary>The alert is still pending (queued or being retried): there is nothing to replay.</summary>
    StillPending,

    /// <summary>The alert waits in its rule's hold: only releasing (or discarding) the hold moves it.</summary>
    Held,
}
