using System.Globalization;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// Key padding in the default key style: <c>PurchaseOrder</c> zero-padded to 15 digits (<c>'000000000100001'</c>),
/// <c>Requisition</c> to 10. e.net output keeps the padding; lookups pad a hand-typed key. The padded styles of
/// <see cref="SysproKeyFormat"/> accept only the verbatim key.
/// </summary>
public static class SysproKeys
{
    public const int PurchaseOrderWidth = 15;
    public const int RequisitionWidth = 10;

    public static string PurchaseOrder(long number) =>
        number.ToString(CultureInfo.InvariantCulture).PadLeft(PurchaseOrderWidth, '0');

    public static string Requisition(long number) =>
        number.ToString(CultureInfo.InvariantCulture).PadLeft(RequisitionWidth, '0');

    /// <summary>Pads a key typed by hand ("100001" or " 100001 ") to its stored form.</summary>
    public static string NormalizePurchaseOrder(string key) => Pad(key, PurchaseOrderWidth);

    public static string NormalizeRequisition(string key) => Pad(key, RequisitionWidth);

    /// <summary>Composite keys are joined with a unit separator, which never occurs in SYSPRO data.</summary>
    public static string Composite(params object[] parts) => string.Join('\u001f', parts);

    private static string Pad(string key, int width)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = key.Trim();
        return trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit) ? trimmed.PadLeft(width, '0') : trimmed;
    }
}
