namespace MlConnector.Storage;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, EventName = "DatabaseReady", Level = LogLevel.Information,
        Message = "Database ready: {Database} ({Applied} migration scripts applied now)")]
    public static partial void DatabaseReady(this ILogger logger, string database, int applied);
}
