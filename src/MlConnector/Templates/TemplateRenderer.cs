using System.Collections.Concurrent;
using Fluid;
using Fluid.Ast;
using MlConnector.Common;
using MlConnector.Site;

namespace MlConnector.Templates;

/// <summary>The outcome of rendering one text.</summary>
public sealed record RenderedText(string Body, int Segments, SmsEncoding Encoding, bool Truncated);

/// <summary>Liquid templates (Fluid) for SMS texts: compiled once, rendered per event with the record's fields, with
/// the site's filters for dates and amounts (<see cref="TextFilters"/>).</summary>
public sealed class TemplateRenderer(SiteFormats formats)
{
    /// <summary>Twilio's limit for a Body (error 21617 beyond it).</summary>
    public const int MaxBodyLength = 1600;

    public const string TruncationMarker = " [truncated]";

    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _compiled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _fields = new(StringComparer.Ordinal);
    private readonly TemplateOptions _options = TextFilters.Register(new TemplateOptions(), formats);

    /// <summary>A renderer with the default site settings (UTC, ISO dates, 1,234.56 USD).</summary>
    public TemplateRenderer()
        : this(SiteFormats.Default)
    {
    }

    public bool TryCompile(string source, out string error)
    {
        if (_compiled.ContainsKey(source))
        {
            error = "";
            return true;
        }

        if (Parser.TryParse(source, out var template, out var parseError))
        {
            _compiled[source] = template;
            error = "";
            return true;
        }

        error = $"the template does not compile: {parseError}";
        return false;
    }

    /// <summary>
    /// The names a template reads (the first segment of every member expression: <c>{{ SupplierName }}</c>,
    /// <c>{% if LineCount != "1" %}</c>, filter arguments), whatever branch they sit in, so lookups run only for the
    /// fields a text can show. Empty for a template that does not compile.
    /// </summary>
    public IReadOnlySet<string> FieldsUsedBy(string source) => _fields.GetOrAdd(source, s =>
    {
        if (!TryCompile(s, out _))
        {
            return new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        var visitor = new IdentifierCollector();
        visitor.VisitTemplate(_compiled[s]);
        return visitor.Names;
    });

    /// <summary>The fields a template reads (names it sets itself left out); empty when it does not compile.</summary>
    public IReadOnlyList<string> FieldsOf(string source) =>
        TryCompile(source, out _) ? TemplateFields.Of(_compiled[source]) : [];

    /// <summary>Renders a template; throws <see cref="TemplateRenderException"/> with the reason when it cannot.
    /// <paramref name="reserve"/> characters are kept free at the end (for a suffix added after truncation).</summary>
    public async Task<RenderedText> RenderAsync(string source, IReadOnlyDictionary<string, string?> fields, int reserve = 0)
    {
        if (!TryCompile(source, out var error))
        {
            throw new TemplateRenderException(error);
        }

        var context = new TemplateContext(_options);
        foreach (var (name, value) in fields)
        {
            context.SetValue(name, value);
        }

        string body;
        try
        {
            body = (await _compiled[source].RenderAsync(context)).Trim();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever a template or a filter throws fails this one text with the reason, never the poll or the service.
            throw new TemplateRenderException($"the template failed to render: {e.Message}");
        }

        var truncated = false;
        var limit = MaxBodyLength - reserve;
        if (body.Length > limit)
        {
            body = string.Concat(body.AsSpan(0, limit - TruncationMarker.Length), TruncationMarker);
            truncated = true;
        }

        if (body.Length == 0)
        {
            throw new TemplateRenderException("the template rendered an empty text.");
        }

        var count = SmsSegments.Count(body);
        return new RenderedText(body, count.Segments, count.Encoding, truncated);
    }
}

public sealed class TemplateRenderException(string message) : Exception(message);

/// <summary>Walks a parsed template (Fluid's own visitor) and keeps the root name of every member it reads.</summary>
internal sealed class IdentifierCollector : AstVisitor
{
    public HashSet<string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment identifier)
        {
            Names.Add(identifier.Identifier);
        }

        return base.VisitMemberExpression(memberExpression);
    }
}
