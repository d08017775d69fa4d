using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using MlConnector.Simulators.Twilio.PhoneNumbers;

namespace MlConnector.Simulators.Twilio.Phone;

/// <summary>
/// The demo's phone view as HTML: one conversation per handset, bubbles with the newest at the bottom and the status
/// under each. The page is whole without script; a small inline script fetches the conversations fragment every two
/// seconds and swaps it in when it changed (no build step, nothing vendored). Fits a 390 px screen: long numbers and
/// ids wrap.
/// </summary>
internal static class PhonePage
{
    /// <summary>Escapes markup (&lt; &gt; &amp; quotes) but leaves letters of any script as they are (UTF-8 page).</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#eef1f5;color:#1b1f24}
        header{padding:12px 16px;background:#1b1f24;color:#fff}
        header h1{margin:0;font-size:18px}
        header p{margin:4px 0 0;font-size:13px;color:#c9d1d9}
        main{padding:12px;display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(min(100%,360px),1fr))}
        .phone{background:#fff;border-radius:18px;box-shadow:0 1px 3px rgba(0,0,0,.15);min-width:0;display:flex;flex-direction:column}
        .phone h2{margin:0;padding:10px 14px;font-size:15px;border-bottom:1px solid #e3e6ea;overflow-wrap:anywhere}
        .thread{list-style:none;margin:0;padding:10px;display:flex;flex-direction:column;gap:6px;max-height:60vh;overflow-y:auto}
        .bubble{max-width:85%;padding:8px 12px;border-radius:16px;overflow-wrap:anywhere;white-space:pre-wrap}
        .bubble .meta{display:block;margin-top:3px;font-size:11px;opacity:.75;white-space:normal}
        .out,.verify{align-self:flex-start;background:#e9e9eb}
        .verify{border:1px dashed #8a8f98}
        .in{align-self:flex-end;background:#0b84ff;color:#fff}
        .call{align-self:center;max-width:95%;background:#fff7e0;border:1px solid #f0d58a;border-radius:12px}
        .call ul{margin:4px 0 0;padding-left:18px}
        .failed .meta,.undelivered .meta{color:#b00020;opacity:1}
        .empty{grid-column:1/-1;text-align:center;color:#57606a}
        """;

    private const string Script = """
        (function () {
          var box = document.getElementById('conversations'), last = null;
          function bottom() { document.querySelectorAll('.thread').forEach(function (t) { t.scrollTop = t.scrollHeight; }); }
          function refresh() {
            fetch('?part=conversations', { cache: 'no-store' })
              .then(function (r) { return r.ok ? r.text() : null; })
              .then(function (html) { if (html !== null && html !== last) { last = html; box.innerHTML = html; bottom(); } })
              .catch(function () {})
              .finally(function () { setTimeout(refresh, 2000); });
          }
          bottom();
          setTimeout(refresh, 2000);
        })();
        """;

    public static string Page(IReadOnlyList<PhoneThread> threads) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Simulated phones · Twilio simulator</title>
        <style>{Style}</style>
        </head>
        <body>
        <header><h1>Simulated phones</h1><p>Texts, codes and calls the Twilio simulator handled, per phone. Times in UTC. Refreshes by itself.</p></header>
        <main id="conversations" aria-live="polite">{Conversations(threads)}</main>
        <script>{Script}</script>
        </body>
        </html>
        """;

    /// <summary>The inside of &lt;main&gt;: one section per phone.</summary>
    public static string Conversations(IReadOnlyList<PhoneThread> threads)
    {
        if (threads.Count == 0)
        {
            return "<p class=\"empty\">No texts yet.</p>";
        }

        var html = new StringBuilder();
        foreach (var thread in threads)
        {
            var name = Encode(PhoneNumberStore.Display(thread.Number));
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"phone\" aria-label=\"Phone {name}\"><h2>{name}</h2><ol class=\"thread\">");
            foreach (var e in thread.Entries)
            {
                var state = e.Status.Split(' ')[0];
                html.Append(CultureInfo.InvariantCulture, $"<li class=\"bubble {e.Kind} {Encode(state)}\">{Encode(e.Text)}");
                if (e.Lines.Count > 0)
                {
                    html.Append("<ul>").AppendJoin("", e.Lines.Select(l => $"<li>{Encode(l)}</li>")).Append("</ul>");
                }

                html.Append(CultureInfo.InvariantCulture,
                    $"<span class=\"meta\"><time datetime=\"{e.At.UtcDateTime:O}\">{e.At.UtcDateTime:HH:mm:ss}</time> · {Encode(e.Status)}</span></li>");
            }

            html.Append("</ol></section>");
        }

        return html.ToString();
    }

    private static string Encode(string text) => Encoder.Encode(text);
}
