namespace MlConnector.Telemetry;

internal static partial class Log
{
    [LoggerMessage(EventId = 6101, EventName = "MetricsSampleFailed", Level = LogLevel.Warning,
        Message = "Metrics sample failed: {Error}")]
    public static partial void SampleFailed(this ILogger logger, string error);
}
