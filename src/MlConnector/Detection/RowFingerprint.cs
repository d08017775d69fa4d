using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using MlConnector.Syspro;

namespace MlConnector.Detection;

/// <summary>
/// A record's fingerprint: the first 8 bytes of SHA-256 over "column=value\u001f" for each column a rule reads (values
/// trimmed), as 16 lower-case hex digits, the form stored in the snapshot since the first release. It is computed
/// into a pooled buffer and compared with the stored text without making a string, so a re-poll of unchanged records
/// allocates nothing per row here; the text is made only for a record that is new or changed (issue 15).
/// </summary>
internal static class RowFingerprint
{
    public const int Length = 16;

    /// <summary>The fingerprint's hex digits written into <paramref name="hex"/> (16 chars).</summary>
    public static void Compute(IReadOnlyList<string> columns, SourceRow row, Span<char> hex)
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
            Convert.TryToHexStringLower(hash[..(Length / 2)], hex, out _);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static string Of(IReadOnlyList<string> columns, SourceRow row)
    {
        Span<char> hex = stackalloc char[Length];
        Compute(columns, row, hex);
        return new string(hex);
    }
}
