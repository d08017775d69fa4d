namespace MlConnector.Syspro;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, EventName = "EnetLoggedOn", Level = LogLevel.Information,
        Message = "SYSPRO e.net: logged on (logon {Count} of this process)")]
    public static partial void EnetLoggedOn(this ILogger logger, int count);

    [LoggerMessage(EventId = 1002, EventName = "EnetSessionLost", Level = LogLevel.Warning,
        Message = "SYSPRO e.net: the session was no longer valid (expired, or the operator logged on elsewhere); logging on again")]
    public static partial void EnetSessionLost(this ILogger logger);

    [LoggerMessage(EventId = 1003, EventName = "EnetStopped", Level = LogLevel.Critical,
        Message = "SYSPRO e.net: logon refused, source stopped: {Reason}")]
    public static partial void EnetStopped(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1004, EventName = "EnetLoggedOff", Level = LogLevel.Information,
        Message = "SYSPRO e.net: logged off (acknowledged: {Acknowledged})")]
    public static partial void EnetLoggedOff(this ILogger logger, bool acknowledged);

    [LoggerMessage(EventId = 1005, EventName = "EnetSessionRefreshed", Level = LogLevel.Debug,
        Message = "SYSPRO e.net: session refreshed before the idle timeout")]
    public static partial void EnetSessionRefreshed(this ILogger logger);

    [LoggerMessage(EventId = 1006, EventName = "EnetLogoffFailed", Level = LogLevel.Warning,
        Message = "SYSPRO e.net: logoff on shutdown failed: {Reason}")]
    public static partial void EnetLogoffFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1007, EventName = "EnetRefreshFailed", Level = LogLevel.Warning,
        Message = "SYSPRO e.net: session refresh failed: {Reason}")]
    public static partial void EnetRefreshFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1010, EventName = "ODataQueryRefused", Level = LogLevel.Warning,
        Message = "SYSPRO OData rejected the query for {Target} (HTTP 400): {Reason}; $filter: {Filter}")]
    public static partial void ODataQueryRefused(this ILogger logger, string target, string reason, string filter);

    [LoggerMessage(EventId = 1011, EventName = "ODataSampleFailed", Level = LogLevel.Warning,
        Message = "SYSPRO OData: one row of {Table} could not be read to type the columns $metadata leaves untyped ({Columns}); their filter literals follow SYSPRO's column catalogue: {Reason}")]
    public static partial void ODataSampleFailed(this ILogger logger, string table, string columns, string reason);
}
