using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using MlConnector.Hosting;

namespace MlConnector.Tests.Architecture;

/// <summary>
/// The compiled connector's real dependencies between feature folders (namespace <c>MlConnector.&lt;Folder&gt;</c>), from
/// ArchUnitNET's type-level dependencies. The compiled Razor pages (namespace <c>AspNetCoreGeneratedDocument</c>) count
/// as Dashboard; anything outside <c>MlConnector.*</c> or outside the assembly (Program, the simulators, Common) is
/// not a feature.
/// </summary>
internal static class FeatureDependencies
{
    private const string Prefix = "MlConnector.";

    public static ArchUnitNET.Domain.Architecture Architecture { get; } = new ArchLoader().LoadAssemblies(typeof(ConnectorHost).Assembly).Build();

    /// <summary>The feature folders the assembly has (those with at least one type).</summary>
    public static IReadOnlySet<string> Features { get; } =
        Connector(Architecture.Types).Select(FeatureOf).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>Every (from, to) feature pair with one type reference that makes it, e.g. "Outbox.X -> Webhooks.Y".</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Edges { get; } = Build();

    public static string? FeatureOf(IType type)
    {
        var ns = type.Namespace?.FullName ?? "";
        if (ns.StartsWith("AspNetCoreGeneratedDocument", StringComparison.Ordinal))
        {
            return "Dashboard";
        }

        return ns.StartsWith(Prefix, StringComparison.Ordinal) ? ns[Prefix.Length..].Split('.')[0] : null;
    }

    private static Dictionary<(string, string), string> Build()
    {
        var assembly = typeof(ConnectorHost).Assembly.FullName;
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in Connector(Architecture.Types))
        {
            if (FeatureOf(type) is not { } from)
            {
                continue;
            }

            foreach (var dependency in type.Dependencies)
            {
                var target = dependency.Target;
                if (target.Assembly?.FullName == assembly && FeatureOf(target) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{type.FullName} -> {target.FullName}");
                }
            }
        }

        return edges;
    }

    private static IEnumerable<IType> Connector(IEnumerable<IType> types)
    {
        var assembly = typeof(ConnectorHost).Assembly.FullName;
        return types.Where(t => t.Assembly?.FullName == assembly);
    }
}
