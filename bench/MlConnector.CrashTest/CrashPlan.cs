namespace MlConnector.CrashTest;

/// <summary>What one crash run does: how many kills, how many instances on which store, how fast things happen.</summary>
/// <param name="Kills">SIGKILLs, each followed by a restart of the killed instance.</param>
/// <param name="Instances">Instances running at once (more than one needs PostgreSQL).</param>
/// <param name="PostgresAdmin">A connection string to a PostgreSQL server whose role may create databases; null: SQLite.</param>
/// <param name="ChangesPerKill">Business changes made between two kills (spread over the instance's life).</param>
/// <param name="CadenceSeconds">Every rule's cadence.</param>
/// <param name="MaxLifeSeconds">An instance is killed a random time up to this after it started answering.</param>
/// <param name="TwilioFaults">Between kills, the Twilio simulator sometimes answers 429, 5xx, hangs or accepts and drops.</param>
/// <param name="Seed">Seeds every random choice (the same seed makes the same choices, not the same timings).</param>
internal sealed record CrashPlan(
    int Kills, int Instances, string? PostgresAdmin, int ChangesPerKill, int CadenceSeconds, double MaxLifeSeconds,
    bool TwilioFaults, int Seed)
{
    public string Store => PostgresAdmin is null ? "SQLite" : "PostgreSQL";

    /// <summary>The drain's limit: long enough for the instances to fetch, at 20 a minute each, the statuses whose
    /// callbacks were lost while they were down (a 100-kill run leaves about 300).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(25);

    /// <summary>The drain ends once every expected text arrived and no alert is pending or sent without a final status,
    /// or nothing moved (a text arrived, or the count of such alerts changed) for this long.</summary>
    public TimeSpan DrainQuiet { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The instances' Outbox:StatusCheckAfter: its minimum, so the drain sees them fetch the statuses whose
    /// callbacks they missed (the default, 15 minutes, is longer than a drain).</summary>
    public TimeSpan StatusCheckAfter { get; init; } = TimeSpan.FromMinutes(1);
}
