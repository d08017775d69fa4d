using System.Globalization;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>How SYSPRO prints and compares values: padded numbers, yyyy-MM-dd dates, 0000-00-00 for no date.</summary>
internal static class EnetFormat
{
    public const string NoDate = "0000-00-00";

    public static string Value(EnetColumn column, object? value) => column.Kind switch
    {
        EnetColumnKind.Date => value is DateTimeOffset date ? Date(date) : NoDate,
        EnetColumnKind.Number => Number(Convert.ToDecimal(value ?? 0m, CultureInfo.InvariantCulture), column.Precision, column.Scale),
        _ => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Date(DateTimeOffset date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>dec(p,s)</c> right-aligned in p characters, plus one for the point when s &gt; 0.</summary>
    public static string Number(decimal value, int precision, int scale)
    {
        var text = value.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.PadLeft(precision + (scale > 0 ? 1 : 0));
    }

    /// <summary>Compares a row's value with a COMFND <c>Value</c>, as SQL Server would (CI collation, trailing blanks ignored).</summary>
    public static int? Compare(EnetColumn column, object? value, string literal)
    {
        switch (column.Kind)
        {
            case EnetColumnKind.Number:
                if (!decimal.TryParse(literal.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    return null;
                }

                return Convert.ToDecimal(value ?? 0m, CultureInfo.InvariantCulture).CompareTo(number);
            case EnetColumnKind.Date:
                var left = value is DateTimeOffset d ? Date(d) : NoDate;
                var right = literal.Trim().Length == 0 ? NoDate : literal.Trim();
                return string.CompareOrdinal(left, right);
            default:
                return CompareText(value as string ?? "", literal);
        }
    }

    /// <summary>Compares two COMFND literals of one column (a number that does not parse sorts first).</summary>
    public static int CompareLiterals(EnetColumn column, string left, string right) => column.Kind switch
    {
        EnetColumnKind.Number => Nullable.Compare(ParseNumber(left), ParseNumber(right)),
        EnetColumnKind.Date => string.CompareOrdinal(left.Trim().Length == 0 ? NoDate : left.Trim(), right.Trim().Length == 0 ? NoDate : right.Trim()),
        _ => CompareText(left, right),
    };

    private static decimal? ParseNumber(string literal) =>
        decimal.TryParse(literal.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static int CompareText(string left, string right) =>
        string.Compare(left.TrimEnd(), right.TrimEnd(), StringComparison.OrdinalIgnoreCase);

    public static int CompareValues(EnetColumn column, object? left, object? right) => column.Kind switch
    {
        EnetColumnKind.Number => Convert.ToDecimal(left ?? 0m, CultureInfo.InvariantCulture)
            .CompareTo(Convert.ToDecimal(right ?? 0m, CultureInfo.InvariantCulture)),
        EnetColumnKind.Date => Nullable.Compare(left as DateTimeOffset?, right as DateTimeOffset?),
        _ => CompareText(left as string ?? "", right as string ?? ""),
    };
}
