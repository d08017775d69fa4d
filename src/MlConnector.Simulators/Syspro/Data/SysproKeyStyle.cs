namespace MlConnector.Simulators.Syspro.Data;

/// <summary>How the simulated site pads its numeric keys (PurchaseOrder, Requisition).</summary>
public enum SysproKeyStyle
{
    /// <summary>
    /// Zero-padded (PurchaseOrder to 15 digits, Requisition to 10), and lenient: a hand-typed <c>100001</c> finds
    /// <c>000000000100001</c> in PORQRY and the control API. The default, as before key styles existed.
    /// </summary>
    Default,

    /// <summary>Zero-padded as <see cref="Default"/> (<c>'000000000150802'</c>-style), but only the verbatim key matches.</summary>
    Zeros,

    /// <summary>
    /// Space-padded as recorded from a real SYSPRO (S1: <c>' 00001'</c>): five digits right-aligned in six
    /// characters, numbered from 1; only the verbatim key matches.
    /// </summary>
    Spaces,
}
