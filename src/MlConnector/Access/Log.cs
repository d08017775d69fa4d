namespace MlConnector.Access;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, EventName = "LoopbackOnly", Level = LogLevel.Warning,
        Message = "No users or API keys are configured: the dashboard and API answer loopback requests only. Add a user with `ml-connector users add`.")]
    public static partial void LoopbackOnly(this ILogger logger);

    [LoggerMessage(EventId = 6002, EventName = "SignInRequired", Level = LogLevel.Information,
        Message = "Sign-in required: {Users} user(s) configured for the dashboard; API keys for the JSON API.")]
    public static partial void SignInRequired(this ILogger logger, int users);

    [LoggerMessage(EventId = 6003, EventName = "SignInFailed", Level = LogLevel.Warning,
        Message = "Sign-in failed for user {UserName}")]
    public static partial void SignInFailed(this ILogger logger, string userName);

    [LoggerMessage(EventId = 6004, EventName = "UserLockedOut", Level = LogLevel.Warning,
        Message = "User {UserName} locked out of sign-in after {Failures} wrong passwords, until {Until}")]
    public static partial void UserLockedOut(this ILogger logger, string userName, long failures, DateTimeOffset until);

    [LoggerMessage(EventId = 6005, EventName = "AddressLockedOut", Level = LogLevel.Warning,
        Message = "Address {Address} locked out of sign-in after too many wrong passwords, until {Until}")]
    public static partial void AddressLockedOut(this ILogger logger, string address, DateTimeOffset until);

    [LoggerMessage(EventId = 6006, EventName = "SecondFactorOn", Level = LogLevel.Information,
        Message = "Sign-in needs a second factor (a code texted through Twilio Verify, or a recovery code); {WithoutPhone} user(s) have no phone number on file and can sign in only with a recovery code (ml-connector users phone NAME NUMBER).")]
    public static partial void SecondFactorOn(this ILogger logger, int withoutPhone);
}
