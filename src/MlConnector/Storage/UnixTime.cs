namespace MlConnector.Storage;

/// <summary>Times are stored as UTC milliseconds since 1970, the same in every dialect.</summary>
public static class UnixTime
{
    public static long ToStored(this DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromStored(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromStored(long? value) => value is { } v ? FromStored(v) : null;
}
