using Fluid;
using Fluid.Ast;

namespace MlConnector.Templates;

/// <summary>The fields a template reads: the first name of every variable it uses (<c>{{ SupplierName }}</c>,
/// <c>{% if LineCount != "1" %}</c>, a filter's argument), less the names it sets itself (assign, capture, for) and
/// Liquid's own (<c>forloop</c>, <c>empty</c>, <c>blank</c>). Found by walking Fluid's syntax tree.</summary>
internal sealed class TemplateFields : AstVisitor
{
    private static readonly string[] LiquidNames = ["forloop", "tablerowloop", "empty", "blank", "nil", "null"];
    private readonly List<string> _read = [];
    private readonly HashSet<string> _set = new(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Of(IFluidTemplate template)
    {
        var visitor = new TemplateFields();
        visitor.VisitTemplate(template);
        return visitor._read
            .Where(name => !visitor._set.Contains(name) && !LiquidNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment first)
        {
            _read.Add(first.Identifier);
        }

        return base.VisitMemberExpression(memberExpression);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        _set.Add(assignStatement.Identifier);
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        _set.Add(captureStatement.Identifier);
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        _set.Add(forStatement.Identifier);
        return base.VisitForStatement(forStatement);
    }
}
