using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.xUnitV3;

namespace MlConnector.Tests.Architecture;

/// <summary>
/// docs/architecture.md's table of which feature folder may depend on which, checked against the compiled assembly:
/// the table and the code cannot drift apart.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly DependencyTable Table =
        DependencyTable.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Architecture", "architecture.md")));

    [Fact]
    public void TheTable_HasARowForEveryFeatureFolder_AndNoOther()
    {
        var missing = FeatureDependencies.Features.Except(Table.Allowed.Keys).Order().ToList();
        var gone = Table.Allowed.Keys.Except(FeatureDependencies.Features).Order().ToList();
        var unknown = Table.Allowed.Values.SelectMany(uses => uses).Except(Table.Allowed.Keys).Distinct().Order().ToList();

        Assert.True(missing.Count == 0, $"folders without a row in docs/architecture.md: {string.Join(", ", missing)}");
        Assert.True(gone.Count == 0, $"rows in docs/architecture.md for folders that are gone: {string.Join(", ", gone)}");
        Assert.True(unknown.Count == 0, $"docs/architecture.md names folders without a row: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void TheTable_AllowsNoCycle() =>
        Assert.True(Table.FindCycle() is null, $"docs/architecture.md allows a cycle: {Table.FindCycle()}");

    [Fact]
    public void EveryDependencyBetweenFeatureFolders_IsInTheTable()
    {
        var refused = FeatureDependencies.Edges
            .Where(e => !Table.Allows(e.Key.From, e.Key.To))
            .Select(e => $"{e.Key.From} may not depend on {e.Key.To} (docs/architecture.md), but {e.Value}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
    }

    [Fact]
    public void FeatureNamespaces_HaveNoDependencyCycle() =>
        SliceRuleDefinition.Slices().Matching("MlConnector.(*)..").Should().BeFreeOfCycles()
            .Check(FeatureDependencies.Architecture);
}
