namespace MlConnector.Recipients;

/// <summary>Resolves a rule's recipients for one record: fixed people and groups, routes by column value, and
/// amount thresholds.</summary>
public sealed partial class RecipientDirectory
{
    private readonly Dictionary<string, Recipient> _people = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Recipient>> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, string>> _routes;
    private readonly Dictionary<string, HashSet<string>> _skips = new(StringComparer.OrdinalIgnoreCase);

    public RecipientDirectory(DirectoryOptions options, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        foreach (var (id, person) in options.People)
        {
            if (!PhoneFormat.TryNormalize(person.Phone, options.DefaultRegion, out var phone, out var error))
            {
                problems.Add($"Directory:People:{id}:Phone: {error}.");
                continue;
            }

            var recipient = new Recipient(id, string.IsNullOrWhiteSpace(person.Name) ? id : person.Name, phone);
            _people[id] = recipient;
            if (person.SkipRules.Count > 0)
            {
                _skips[id] = new HashSet<string>(person.SkipRules.Select(r => r.Trim()), StringComparer.OrdinalIgnoreCase);
            }

            foreach (var group in person.Groups)
            {
                (_groups.TryGetValue(group, out var members) ? members : _groups[group] = []).Add(recipient);
            }
        }

        _routes = options.Routes.ToDictionary(
            r => r.Key,
            r => new Dictionary<string, string>(r.Value, StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
        foreach (var (column, map) in _routes)
        {
            foreach (var (code, target) in map)
            {
                if (!_people.ContainsKey(target) && !_groups.ContainsKey(target))
                {
                    problems.Add($"Directory:Routes:{column}:{code}: '{target}' is neither a person nor a group.");
                }
            }
        }

        errors = problems;
    }

    /// <summary>Whether the person asked not to get this rule's texts (<c>Directory:People:{id}:SkipRules</c>).</summary>
    public bool Skips(string personId, string ruleId) => _skips.TryGetValue(personId, out var rules) && rules.Contains(ruleId);

    /// <summary>Every person's skipped rules, for the check that each names a rule and for the dashboard.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> SkippedRules => _skips;

    /// <summary>The person with this directory id, or null.</summary>
    public Recipient? Person(string id) => _people.GetValueOrDefault(id);

    /// <summary>Configuration problems in a rule's recipient settings.</summary>
    public IEnumerable<string> Check(RecipientRuleOptions options)
    {
        foreach (var person in options.People ?? [])
        {
            if (!_people.ContainsKey(person))
            {
                yield return $"People: '{person}' is not in Directory:People.";
            }
        }

        foreach (var group in (options.Groups ?? []).Concat((options.Thresholds ?? []).SelectMany(t => t.Groups ?? [])))
        {
            if (!_groups.ContainsKey(group))
            {
                yield return $"Groups: nobody in Directory:People is in group '{group}'.";
            }
        }

        foreach (var column in options.RouteBy ?? [])
        {
            if (!_routes.ContainsKey(column))
            {
                yield return $"RouteBy: there is no Directory:Routes:{column} map.";
            }
        }

        if ((options.People?.Count ?? 0) + (options.Groups?.Count ?? 0) + (options.RouteBy?.Count ?? 0) + (options.Thresholds?.Count ?? 0) == 0)
        {
            yield return "names nobody; give People, Groups, RouteBy or Thresholds.";
        }
    }

    /// <summary>The distinct recipients for one record; <paramref name="fields"/> holds its columns and enrichment.</summary>
    public IReadOnlyList<Recipient> Resolve(RecipientRuleOptions options, IReadOnlyDictionary<string, string?> fields)
    {
        var result = new List<Recipient>();
        void AddTarget(string target)
        {
            if (_people.TryGetValue(target, out var person))
            {
                result.Add(person);
            }
            else if (_groups.TryGetValue(target, out var members))
            {
                result.AddRange(members);
            }
        }

        foreach (var target in (options.People ?? []).Concat(options.Groups ?? []))
        {
            AddTarget(target);
        }

        foreach (var column in options.RouteBy ?? [])
        {
            if (fields.TryGetValue(column, out var code) && code is not null
                && _routes.TryGetValue(column, out var map) && map.TryGetValue(code.Trim(), out var target))
            {
                AddTarget(target);
            }
        }

        foreach (var threshold in options.Thresholds ?? [])
        {
            if (fields.TryGetValue(threshold.Field, out var text)
                && decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && value > threshold.Above)
            {
                foreach (var target in (threshold.People ?? []).Concat(threshold.Groups ?? []))
                {
                    AddTarget(target);
                }
            }
        }

        return result.DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
