namespace MlConnector.Security;

internal static partial class Log
{
    [LoggerMessage(EventId = 5101, EventName = "KeyIdTakenUp", Level = LogLevel.Information,
        Message = "New values are now encrypted under key id {KeyId} (keys rotate)")]
    public static partial void KeyIdTakenUp(this ILogger logger, int keyId);

    [LoggerMessage(EventId = 5102, EventName = "NewKeyIdNotOpened", Level = LogLevel.Warning,
        Message = "Key id {KeyId} was added, but this instance's master key does not open it (the master key was rotated): " +
            "it keeps writing under key id {ActiveKeyId}. Restart it with the new master key")]
    public static partial void NewKeyIdNotOpened(this ILogger logger, int keyId, int activeKeyId);

    [LoggerMessage(EventId = 5103, EventName = "MasterKeyRotatedAway", Level = LogLevel.Warning,
        Message = "The master key was rotated (keys rotate --master) since this instance started: it keeps working with the " +
            "data keys it holds, but cannot take up new key ids and will not start again with its key. Restart it with the new master key")]
    public static partial void MasterKeyRotatedAway(this ILogger logger);
}
