using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using MlConnector.Alerts;

namespace MlConnector.Dashboard;

/// <summary>
/// A stacked bar chart of alerts per slot as inline SVG, drawn on the server: no JavaScript library, no build step,
/// and it scales to any width (viewBox). Each bar has a tooltip (<c>&lt;title&gt;</c>) with its counts in words, and
/// data attributes a test or a script can read.
/// </summary>
public static class BarChart
{
    private const int Height = 100;

    public static IHtmlContent Render(string id, string title, IReadOnlyList<ActivitySlot> slots, Func<DateTimeOffset, string> label)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(label);
        var max = Math.Max(1, slots.Count == 0 ? 1 : slots.Max(s => s.Total));
        var barWidth = 10;
        var width = slots.Count * barWidth;
        var svg = new StringBuilder();
        var enc = HtmlEncoder.Default;
        // Stretched to the card's width (preserveAspectRatio none), so the labels are HTML under it, not SVG text.
        svg.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\"><svg id=\"{enc.Encode(id)}\" role=\"img\" viewBox=\"0 0 {width} {Height}\" preserveAspectRatio=\"none\" aria-label=\"{enc.Encode(title)}\">");
        for (var i = 0; i < slots.Count; i++)
        {
            var s = slots[i];
            var x = i * barWidth;
            var y = (double)Height;
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"bar\" data-delivered=\"{s.Delivered}\" data-waiting=\"{s.Waiting}\" data-failed=\"{s.Failed}\"><title>{enc.Encode(label(s.Start))}: {s.Delivered} sent or delivered, {s.Waiting} on the way, {s.Failed} failed</title>");
            foreach (var (count, css) in new[] { (s.Delivered, "ok"), (s.Waiting, "wait"), (s.Failed, "bad") })
            {
                if (count == 0)
                {
                    continue;
                }

                var h = count * (double)Height / max;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{css}\" x=\"{x + 1}\" y=\"{y:0.##}\" width=\"{barWidth - 2}\" height=\"{h:0.##}\" />");
            }

            svg.Append("</g>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"</svg><figcaption><span>{enc.Encode(slots.Count == 0 ? "" : label(slots[0].Start))}</span>")
            .Append(CultureInfo.InvariantCulture, $"<span>highest bar: {max}</span><span>{enc.Encode(slots.Count == 0 ? "" : label(slots[^1].Start))}</span></figcaption></figure>");
        return new HtmlString(svg.ToString());
    }
}
