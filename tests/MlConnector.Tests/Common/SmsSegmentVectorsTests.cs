using System.Text.Json;
using MlConnector.Common;

namespace MlConnector.Tests.Common;

/// <summary>
/// The one SMS segment counter against vectors made independently of it: SmsSegmentVectors.json was produced by
/// Twilio's own segment calculator (npm sms-segments-calculator 1.3.0), with sms-segment-vectors.mjs beside this file,
/// run once in a scratch folder outside the repository:
/// <c>npm install sms-segments-calculator@1.3.0 &amp;&amp; node sms-segment-vectors.mjs &gt; SmsSegmentVectors.json</c>.
/// Where Twilio's documented rules and the calculator disagree is listed in the file ("disagreements"); the counter
/// follows the calculator. The vectors found one error, fixed with them as the failing test: the counter cut UCS-2
/// texts between the code points of one grapheme cluster (an emoji with a skin tone, a flag, a ZWJ sequence, a letter
/// with a combining accent); it now moves the whole cluster to the next segment.
/// </summary>
public sealed class SmsSegmentVectorsTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Dictionary<string, Vector> Vectors = Load();

    public static TheoryData<string> Names => [.. Vectors.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Count_AgreesWithTwiliosSegmentCalculator(string name)
    {
        var vector = Vectors[name];

        var count = SmsSegments.Count(vector.Text);

        Assert.Equal((vector.Encoding, vector.Units, vector.Segments), (count.Encoding.ToString(), count.Units, count.Segments));
    }

    [Fact]
    public void Vectors_AreThere() => Assert.True(Vectors.Count >= 40, $"only {Vectors.Count} vectors in SmsSegmentVectors.json");

    private static Dictionary<string, Vector> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Common", "SmsSegmentVectors.json");
        var file = JsonSerializer.Deserialize<VectorFile>(File.ReadAllText(path), Json)!;
        return file.Vectors.ToDictionary(v => v.Name, StringComparer.Ordinal);
    }

    private sealed record VectorFile(string ProducedBy, IReadOnlyList<string> Disagreements, IReadOnlyList<Vector> Vectors);

    private sealed record Vector(string Name, string Text, string Encoding, int Units, int Segments);
}
