using System.Globalization;
using System.Text.RegularExpressions;

namespace MlConnector.IntegrationTests.Infrastructure;

/// <summary>A /metrics page in Prometheus text format, read as Prometheus would: samples by name and labels.</summary>
internal sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public PrometheusText(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"not a Prometheus sample: {line}");
            var labels = LabelPair().Matches(sample.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            _samples.Add((sample.Groups["name"].Value, labels, double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; private init; } = "";

    /// <summary>GET /metrics of a connector (anonymous: no user or API key exists in these tests).</summary>
    public static async Task<PrometheusText> ScrapeAsync(Uri connector)
    {
        using var http = new HttpClient { BaseAddress = connector };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        return new PrometheusText(text) { Text = text };
    }

    /// <summary>Whether the page has a sample of <paramref name="name"/> (with these labels, if given).</summary>
    public bool Has(string name, params (string Key, string Value)[] labels) => Matching(name, labels).Any();

    /// <summary>The sum of the samples of <paramref name="name"/> (with these labels, if given); 0 when there are none.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) => Matching(name, labels).Sum(s => s.Value);

    /// <summary>The values of one label over the samples of <paramref name="name"/>.</summary>
    public IReadOnlySet<string> LabelValues(string name, string label) =>
        _samples.Where(s => s.Name == name).Select(s => s.Labels.GetValueOrDefault(label, "")).ToHashSet(StringComparer.Ordinal);

    private IEnumerable<(string Name, Dictionary<string, string> Labels, double Value)> Matching(string name, (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
