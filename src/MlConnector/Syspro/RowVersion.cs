using System.Buffers.Binary;
using System.Globalization;

namespace MlConnector.Syspro;

/// <summary>How a rowversion was written in SYSPRO's answer, so it goes back the same way.</summary>
public enum RowVersionForm
{
    /// <summary>A whole number (OData <c>Edm.Int64</c>, e.net's right-aligned number).</summary>
    Number,

    /// <summary><c>0x</c> and hex digits, as SQL Server shows a <c>timestamp</c>.</summary>
    Hex,

    /// <summary>The base64 of its 8 bytes (OData <c>Edm.Binary</c>).</summary>
    Base64,
}

/// <summary>
/// A SQL Server rowversion (SYSPRO's <c>TimeStamp</c> column, <c>binary(8)</c>) as SYSPRO gives it: a whole number, a
/// <c>0x</c> hex string or the base64 of its 8 bytes (specs/syspro.md: OData was assumed to say <c>Edm.Int64</c>; what
/// a live site says is not established). Compared as SQL Server orders it, as an unsigned 64-bit number (a negative
/// number is a signed <c>bigint</c> cast of a value past 2^63: its bits are taken); written back in the form it came in.
/// </summary>
public readonly record struct RowVersion(ulong Value, RowVersionForm Form)
{
    /// <summary>Reads a rowversion in any of its forms; false for anything else (null, blank, a date, text).</summary>
    public static bool TryParse(string? text, out RowVersion version)
    {
        version = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (value.Length is > 2 and <= 18
                && ulong.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                version = new RowVersion(hex, RowVersionForm.Hex);
                return true;
            }

            return false;
        }

        if (ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            version = new RowVersion(number, RowVersionForm.Number);
            return true;
        }

        if (value[0] == '-' && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
        {
            version = new RowVersion(unchecked((ulong)signed), RowVersionForm.Number);
            return true;
        }

        Span<byte> bytes = stackalloc byte[9];
        if (value.Length == 12 && Convert.TryFromBase64String(value.Replace('-', '+').Replace('_', '/'), bytes, out var written) && written == 8)
        {
            version = new RowVersion(BinaryPrimitives.ReadUInt64BigEndian(bytes), RowVersionForm.Base64);
            return true;
        }

        return false;
    }

    /// <summary>The later of two rowversions as text (either may be null or not a rowversion: the other wins).</summary>
    public static string? Later(string? a, string? b)
    {
        var hasA = TryParse(a, out var va);
        var hasB = TryParse(b, out var vb);
        return (hasA, hasB) switch
        {
            (true, true) => va.Value >= vb.Value ? va.ToString() : vb.ToString(),
            (true, false) => va.ToString(),
            (false, true) => vb.ToString(),
            _ => null,
        };
    }

    public int CompareTo(RowVersion other) => Value.CompareTo(other.Value);

    /// <summary>The rowversion in the form SYSPRO gave it (a number without padding, 0x and 16 hex digits, base64).</summary>
    public override string ToString()
    {
        switch (Form)
        {
            case RowVersionForm.Hex:
                return "0x" + Value.ToString("X16", CultureInfo.InvariantCulture);
            case RowVersionForm.Base64:
                Span<byte> bytes = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(bytes, Value);
                return Convert.ToBase64String(bytes);
            default:
                return Value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
