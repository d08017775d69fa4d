using Microsoft.Extensions.Logging;

namespace MlConnector.Simulators.Syspro;

/// <summary>SYSPRO simulator log messages (EventIds 9100-9199). Never the query string: it carries passwords.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9100, EventName = "SysproLogon", Level = LogLevel.Information,
        Message = "e.net Logon of operator {Operator}; {Evicted} older session(s) evicted")]
    public static partial void Logon(this ILogger logger, string @operator, int evicted);

    [LoggerMessage(EventId = 9101, EventName = "SysproLogonRefused", Level = LogLevel.Warning,
        Message = "e.net Logon refused for operator {Operator}: {Reason}")]
    public static partial void LogonRefused(this ILogger logger, string @operator, string reason);

    [LoggerMessage(EventId = 9102, EventName = "SysproLogoff", Level = LogLevel.Information,
        Message = "e.net Logoff ({Outcome})")]
    public static partial void Logoff(this ILogger logger, string outcome);

    [LoggerMessage(EventId = 9103, EventName = "SysproQuery", Level = LogLevel.Debug,
        Message = "e.net {Method} {BusinessObject}")]
    public static partial void Query(this ILogger logger, string method, string businessObject);

    [LoggerMessage(EventId = 9104, EventName = "SysproSessionInvalid", Level = LogLevel.Information,
        Message = "e.net {Method} with an invalid or expired UserId")]
    public static partial void SessionInvalid(this ILogger logger, string method);

    [LoggerMessage(EventId = 9110, EventName = "SysproFault", Level = LogLevel.Information,
        Message = "Injected fault: HTTP 500 for {Path}")]
    public static partial void Fault(this ILogger logger, string path);

    [LoggerMessage(EventId = 9111, EventName = "SysproBadAnswer", Level = LogLevel.Information,
        Message = "Injected bad answer '{Mode}' for {Target}")]
    public static partial void BadAnswer(this ILogger logger, string mode, string target);

    [LoggerMessage(EventId = 9120, EventName = "SysproScenarioChange", Level = LogLevel.Information,
        Message = "Scenario: {Change}")]
    public static partial void ScenarioChange(this ILogger logger, string change);

    [LoggerMessage(EventId = 9121, EventName = "SysproScenarioFailed", Level = LogLevel.Warning,
        Message = "Scenario step failed")]
    public static partial void ScenarioFailed(this ILogger logger, Exception exception);
}
