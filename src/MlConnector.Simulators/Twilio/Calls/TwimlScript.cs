using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>A TwiML verb the simulated call understands.</summary>
internal abstract record TwimlVerb;

internal sealed record SayVerb(string Text, int Loop) : TwimlVerb;

internal sealed record PlayVerb(string Url, int Loop) : TwimlVerb;

internal sealed record PauseVerb(int Length) : TwimlVerb;

internal sealed record GatherVerb(string? Action, string Method, int Timeout, int? NumDigits, string FinishOnKey,
    bool ActionOnEmptyResult, IReadOnlyList<TwimlVerb> Prompts) : TwimlVerb;

internal sealed record RedirectVerb(string Url, string Method) : TwimlVerb;

internal sealed record HangupVerb : TwimlVerb;

internal sealed record UnsupportedVerb(string Name) : TwimlVerb;

/// <summary>
/// Reads a TwiML voice document (<c>&lt;Response&gt;</c> and its verbs) into <see cref="TwimlVerb"/>s, with Twilio's
/// documented defaults: &lt;Say loop="1"&gt;; &lt;Pause length="1"&gt;; &lt;Gather&gt; method POST, timeout 5 s,
/// finishOnKey "#", no numDigits limit, nested &lt;Say&gt;/&lt;Play&gt;/&lt;Pause&gt; as prompts; &lt;Redirect&gt;
/// method POST; &lt;Reject&gt; ends the call like &lt;Hangup&gt;. Other verbs (Dial, Record, Message...) are
/// <see cref="UnsupportedVerb"/>s that the call skips.
/// </summary>
internal static class TwimlScript
{
    /// <summary>The verbs, or null when the text is not a TwiML document (Twilio's error 12100).</summary>
    public static IReadOnlyList<TwimlVerb>? Parse(string xml)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        return document.Root is { Name.LocalName: "Response" } root ? [.. root.Elements().Select(Verb)] : null;
    }

    private static TwimlVerb Verb(XElement e) => e.Name.LocalName switch
    {
        "Say" => new SayVerb(e.Value.Trim(), Int(e, "loop", 1)),
        "Play" => new PlayVerb(e.Value.Trim(), Int(e, "loop", 1)),
        "Pause" => new PauseVerb(Int(e, "length", 1)),
        "Gather" => new GatherVerb((string?)e.Attribute("action"), Method(e), Int(e, "timeout", 5),
            e.Attribute("numDigits") is null ? null : Int(e, "numDigits", 1), (string?)e.Attribute("finishOnKey") ?? "#",
            string.Equals((string?)e.Attribute("actionOnEmptyResult"), "true", StringComparison.OrdinalIgnoreCase),
            [.. e.Elements().Select(Verb)]),
        "Redirect" => new RedirectVerb(e.Value.Trim(), Method(e)),
        "Hangup" or "Reject" => new HangupVerb(),
        _ => new UnsupportedVerb(e.Name.LocalName),
    };

    private static string Method(XElement e) =>
        string.Equals((string?)e.Attribute("method"), "GET", StringComparison.OrdinalIgnoreCase) ? "GET" : "POST";

    private static int Int(XElement e, string name, int fallback) =>
        int.TryParse((string?)e.Attribute(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : fallback;
}
