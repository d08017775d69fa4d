namespace MlConnector.Tests.Architecture;

/// <summary>The table "Who may depend on whom" of docs/architecture.md: each feature folder and the folders it may use.</summary>
internal sealed class DependencyTable(IReadOnlyDictionary<string, IReadOnlySet<string>> allowed)
{
    public const string Heading = "## Who may depend on whom";

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Allowed { get; } = allowed;

    public bool Allows(string from, string to) => from == to || (Allowed.TryGetValue(from, out var uses) && uses.Contains(to));

    /// <summary>Reads the first table after <see cref="Heading"/>: "| `Folder` | `A`, `B` |", or "—" for none.</summary>
    public static DependencyTable Parse(string markdown)
    {
        var lines = markdown.Split('\n').Select(l => l.Trim()).ToList();
        var start = lines.IndexOf(Heading);
        if (start < 0)
        {
            throw new FormatException($"docs/architecture.md has no heading '{Heading}'.");
        }

        var rows = lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|'))
            .Skip(2) // the header and the |---| line
            .Select(l => l.Trim('|').Split('|'))
            .ToList();
        var allowed = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var cells in rows)
        {
            var folder = Name(cells[0]);
            var uses = cells[1].Split(',').Select(Name).Where(n => n is not ("" or "—")).ToHashSet(StringComparer.Ordinal);
            if (!allowed.TryAdd(folder, uses))
            {
                throw new FormatException($"docs/architecture.md lists {folder} twice.");
            }
        }

        return new DependencyTable(allowed);
    }

    /// <summary>A cycle the table itself allows, as "A -> B -> A", or null.</summary>
    public string? FindCycle()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        string? Visit(string folder)
        {
            if (path.Contains(folder))
            {
                return string.Join(" -> ", path.SkipWhile(f => f != folder).Append(folder));
            }

            if (!done.Add(folder))
            {
                return null;
            }

            path.Add(folder);
            var cycle = Allowed.GetValueOrDefault(folder, new HashSet<string>()).Select(Visit).FirstOrDefault(c => c is not null);
            path.RemoveAt(path.Count - 1);
            return cycle;
        }

        return Allowed.Keys.Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static string Name(string cell) => cell.Trim().Trim('`').Trim();
}
