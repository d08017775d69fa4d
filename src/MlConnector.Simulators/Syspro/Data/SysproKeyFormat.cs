using System.Globalization;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// Formats and looks up numeric keys in one <see cref="SysproKeyStyle"/>. Padded styles are verbatim: a key is
/// found only as stored, leading spaces and zeros included (ordinal, no trimming, no numeric parsing), as SYSPRO's
/// fixed-width keys are.
/// </summary>
public sealed class SysproKeyFormat
{
    private const int SpaceDigits = 5;
    private const int SpaceWidth = 6;

    private SysproKeyFormat(SysproKeyStyle style) => Style = style;

    public static SysproKeyFormat Default { get; } = new(SysproKeyStyle.Default);

    public SysproKeyStyle Style { get; }

    /// <summary>Where PO numbering starts: 100,000 for zero-padded keys (<c>'000000000100001'</c>), 0 for spaces.</summary>
    public int FirstPurchaseOrder => Style == SysproKeyStyle.Spaces ? 0 : SysproDataGenerator.FirstPurchaseOrder;

    public static SysproKeyFormat For(SysproKeyStyle style) => style == SysproKeyStyle.Default ? Default : new(style);

    public string PurchaseOrder(long number) =>
        Style == SysproKeyStyle.Spaces ? Spaced(number) : SysproKeys.PurchaseOrder(number);

    public string Requisition(long number) =>
        Style == SysproKeyStyle.Spaces ? Spaced(number) : SysproKeys.Requisition(number);

    /// <summary>The stored form of a PO key given by a caller: padded by hand in the default style, else as given.</summary>
    public string NormalizePurchaseOrder(string key) =>
        Style == SysproKeyStyle.Default ? SysproKeys.NormalizePurchaseOrder(key) : key;

    public string NormalizeRequisition(string key) =>
        Style == SysproKeyStyle.Default ? SysproKeys.NormalizeRequisition(key) : key;

    private static string Spaced(long number) =>
        number.ToString(new string('0', SpaceDigits), CultureInfo.InvariantCulture).PadLeft(SpaceWidth);
}
