using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace MlConnector.Acknowledgement;

/// <summary>
/// An event's reference, what people reply with: four characters of <c>[A-HJ-NP-Z2-9]</c> (no I, O, 0 or 1, which
/// are misread on a small screen), chosen at random; the store keeps it unique among open events.
/// </summary>
public static partial class AckReference
{
    public const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int Length = 4;

    /// <summary>The length of <see cref="Suffix"/>, whatever the reference: what a text keeps free for it.</summary>
    public static readonly int SuffixLength = Suffix("XXXX").Length;

    public static string NewReference() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>What ends every text of an event that asks for acknowledgement.</summary>
    public static string Suffix(string reference) => $" Reply OK {reference} to confirm.";

    /// <summary>A reply that acknowledges: "ok" alone (<paramref name="reference"/> null) or "ok XXXX", any case,
    /// surrounding spaces ignored. False for anything else ("ok thanks" included).</summary>
    public static bool TryParseReply(string body, out string? reference)
    {
        var match = ReplyPattern().Match(body);
        reference = match.Success && match.Groups["ref"].Success ? match.Groups["ref"].Value.ToUpperInvariant() : null;
        return match.Success;
    }

    /// <summary>Splits a text that ends with <see cref="Suffix"/> into what comes before it and the reference; false
    /// (and the whole text) for a text that does not ask for acknowledgement.</summary>
    public static bool TrySplit(string body, out string core, out string reference)
    {
        var match = SuffixPattern().Match(body);
        core = match.Success ? body[..match.Index] : body;
        reference = match.Success ? match.Groups["ref"].Value : "";
        return match.Success;
    }

    [GeneratedRegex(@" Reply OK (?<ref>[A-HJ-NP-Z2-9]{4}) to confirm\.$", RegexOptions.CultureInvariant)]
    private static partial Regex SuffixPattern();

    [GeneratedRegex(@"^\s*ok(?:\s+(?<ref>[a-z0-9]{4}))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPattern();
}
