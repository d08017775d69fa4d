using System.Globalization;

namespace MlConnector.PeerComparison.Report;

/// <summary>How figures are written in the table (invariant culture, units spelled as issue 15 spells them).</summary>
internal static class Format
{
    public static string Megabytes(long? bytes) =>
        bytes is { } b ? (b / 1024d / 1024d).ToString("N0", CultureInfo.InvariantCulture) + " MB" : "n/m";

    public static string Milliseconds(TimeSpan? value) =>
        value is { } v ? v.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms" : "n/m";

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>ml-connector divided by Node-RED.</summary>
    public static string Ratio(double? connector, double? flow) =>
        connector is { } c && flow is { } f && f > 0 ? (c / f).ToString("0.00", CultureInfo.InvariantCulture) : "";
}
