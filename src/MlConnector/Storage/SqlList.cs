using Dapper;

namespace MlConnector.Storage;

/// <summary>
/// The values of a <c>column IN (...)</c> condition spelled out, one parameter a value: Dapper hands Npgsql an array for
/// <c>IN @Values</c>, which SQLite lacks, so the same SQL serves both databases.
/// </summary>
public static class SqlList
{
    /// <summary>Adds <paramref name="values"/> to <paramref name="args"/> as <c>@prefix0</c>, <c>@prefix1</c>, ... and
    /// returns that list, to go between the parentheses of <c>IN (...)</c>.</summary>
    public static string Add(DynamicParameters args, string prefix, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Count; i++)
        {
            args.Add($"{prefix}{i}", values[i]);
        }

        return string.Join(", ", Enumerable.Range(0, values.Count).Select(i => $"@{prefix}{i}"));
    }
}
