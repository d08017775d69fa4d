using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using MlConnector.Site;

namespace MlConnector.Dashboard;

/// <summary>An instant on a page: the site's wall clock (<see cref="SiteTime.Format(DateTimeOffset, bool)"/>) in a
/// <c>&lt;time&gt;</c> element whose hover text is the same instant in UTC.</summary>
public static class TimeTag
{
    public static IHtmlContent Tag(this SiteTime times, DateTimeOffset instant, bool seconds = true)
    {
        ArgumentNullException.ThrowIfNull(times);
        var utc = instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var text = HtmlEncoder.Default.Encode(times.Format(instant, seconds));
        return new HtmlString($"<time datetime=\"{instant.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\" title=\"{utc} UTC\">{text}</time>");
    }

    /// <summary>The instant, or <paramref name="none"/> when there is none.</summary>
    public static IHtmlContent Tag(this SiteTime times, DateTimeOffset? instant, string none) =>
        instant is { } value ? times.Tag(value) : new HtmlString(HtmlEncoder.Default.Encode(none));
}
