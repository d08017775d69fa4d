using System.Globalization;
using System.Text.RegularExpressions;
using MlConnector.Hosting;

namespace MlConnector.Tests.Storage;

/// <summary>The naming scheme of migration scripts (docs/architecture.md, "Database migrations"): the first four keep
/// their numbers; every later one is named after the UTC time it was written, so parallel branches do not collide.</summary>
public sealed partial class MigrationScriptNamesTests
{
    private static readonly string[] Numbered = ["001_initial.sql", "002_delivery.sql", "003_operators.sql", "004_send_slots.sql"];

    public static TheoryData<string> Dialects => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Dialects))]
    public void EveryScript_IsOneOfTheNumberedOnes_OrNamedAfterItsTime(string dialect)
    {
        var misnamed = Scripts(dialect).Where(name => !Numbered.Contains(name) && !IsTimed(name)).ToList();

        Assert.True(misnamed.Count == 0,
            $"Storage/Sql/{dialect}: name new scripts YYYYMMDD_HHMM_what_it_does.sql: {string.Join(", ", misnamed)}");
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void TheNumberedScripts_RunFirst(string dialect) =>
        Assert.Equal(Numbered, Scripts(dialect).Order(StringComparer.Ordinal).Take(Numbered.Length));

    [Fact]
    public void BothDialects_HaveTheSameScripts() => Assert.Equal(Scripts("sqlite"), Scripts("postgres"));

    private static bool IsTimed(string name) =>
        TimedName().Match(name) is { Success: true } m
        && DateTime.TryParseExact(m.Groups["time"].Value, "yyyyMMdd_HHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static List<string> Scripts(string dialect)
    {
        var prefix = $"MlConnector.Storage.Sql.{dialect}.";
        return typeof(ConnectorHost).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"^(?<time>\d{8}_\d{4})_[a-z0-9]+(_[a-z0-9]+)*\.sql$")]
    private static partial Regex TimedName();
}
