namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// Turns COMFND Where expressions into a row predicate. Brackets group; AND binds tighter than OR, as in the SQL
/// SYSPRO builds from them. Operators: EQ, NE, LT, LE, GT, GE (design.md: only EQ was seen on a real SYSPRO).
/// It also tells the lowest value a column can have in a matching row, so a keyset query can start there.
/// </summary>
internal sealed class ComfndWhere
{
    private readonly List<object> _tokens = [];
    private int _at;

    private ComfndWhere(EnetTable table, IReadOnlyList<ComfndExpression> expressions)
    {
        for (var i = 0; i < expressions.Count; i++)
        {
            var e = expressions[i];
            if (i > 0)
            {
                _tokens.Add(e.AndOr.Equals("Or", StringComparison.OrdinalIgnoreCase) ? "OR" : "AND");
            }

            _tokens.AddRange(Enumerable.Repeat<object>("(", e.OpenBrackets));
            _tokens.Add(Leaf(table, e));
            _tokens.AddRange(Enumerable.Repeat<object>(")", e.CloseBrackets));
        }
    }

    /// <summary>The filter, or throws <see cref="ComfndException"/> for a bad column, operator or bracket.</summary>
    public static ComfndFilter Build(EnetTable table, IReadOnlyList<ComfndExpression> expressions)
    {
        if (expressions.Count == 0)
        {
            return ComfndFilter.All;
        }

        var parser = new ComfndWhere(table, expressions);
        var filter = parser.Or();
        if (parser._at != parser._tokens.Count)
        {
            throw new ComfndException("The brackets of the Where expressions do not match.");
        }

        return filter;
    }

    private ComfndFilter Or()
    {
        var left = And();
        while (Accept("OR"))
        {
            left = ComfndFilter.Or(left, And());
        }

        return left;
    }

    private ComfndFilter And()
    {
        var left = Primary();
        while (Accept("AND"))
        {
            left = ComfndFilter.And(left, Primary());
        }

        return left;
    }

    private ComfndFilter Primary()
    {
        if (Accept("("))
        {
            var inner = Or();
            return Accept(")") ? inner : throw new ComfndException("The brackets of the Where expressions do not match.");
        }

        if (_at < _tokens.Count && _tokens[_at] is ComfndFilter leaf)
        {
            _at++;
            return leaf;
        }

        throw new ComfndException("The brackets of the Where expressions do not match.");
    }

    private bool Accept(string token)
    {
        if (_at < _tokens.Count && _tokens[_at] is string s && s == token)
        {
            _at++;
            return true;
        }

        return false;
    }

    private static ComfndFilter Leaf(EnetTable table, ComfndExpression e)
    {
        var column = table.Column(e.Column)
            ?? throw new ComfndException($"Column '{e.Column}' is not in table '{table.Name}'.");
        Func<int, bool> test = e.Condition switch
        {
            "EQ" => c => c == 0,
            "NE" => c => c != 0,
            "LT" => c => c < 0,
            "LE" => c => c <= 0,
            "GT" => c => c > 0,
            "GE" => c => c >= 0,
            _ => throw new ComfndException($"Condition '{e.Condition}' is not supported."),
        };
        var bound = e.Condition is "EQ" or "GE" or "GT" ? new ComfndBound(column, e.Value, e.Condition != "GT") : null;
        return ComfndFilter.Leaf(row => EnetFormat.Compare(column, column.Get(row), e.Value) is { } c && test(c), bound);
    }
}
