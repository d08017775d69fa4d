using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>
/// A record's fingerprint: the first 8 bytes of SHA-256 over "column=value\u001f" for each column a rule reads (values
/// trimmed). In memory it is those 8 bytes as a number (big-endian), so a snapshot of many thousand records holds no
/// string per record for it; stored, it is 16 lower-case hex digits (<see cref="ToText"/>), the form stored in the
/// snapshot since the first release. It is computed into a pooled buffer, so a re-poll of unchanged records allocates
/// nothing per row here (issue 15).
/// </summary>
internal static class RowFingerprint
{
    public const int Length = 16;

    /// <summary>The fingerprint of the columns a rule reads.</summary>
    public static ulong Compute(IReadOnlyList<string> columns, SourceRow row)
    {
        var size = 0;
        foreach (var column in columns)
        {
            size += Encoding.UTF8.GetMaxByteCount(column.Length + (row.Raw(column)?.Length ?? 0) + 2);
        }

        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var written = 0;
            foreach (var column in columns)
            {
                written += Encoding.UTF8.GetBytes(column, rented.AsSpan(written));
                rented[written++] = (byte)'=';
                written += Encoding.UTF8.GetBytes(row.Raw(column).AsSpan().Trim(), rented.AsSpan(written));
                rented[written++] = 0x1f;
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, written), hash);
            return BinaryPrimitives.ReadUInt64BigEndian(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The stored form: 16 lower-case hex digits.</summary>
    public static string ToText(ulong fingerprint) => fingerprint.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The stored form read back; a text that is not one (never written by any release) reads as 0, which a
    /// record's fingerprint is not, so the record is written again and its status compared as always.</summary>
    public static ulong Parse(string? text) =>
        text is { Length: Length } && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
