using System.Collections.Frozen;
using static MlConnector.Alerts.AlertStates;

namespace MlConnector.Alerts;

/// <summary>
/// The alert state machine, written once. Every UPDATE of <c>alerts.state</c> is made in this folder and carries
/// <see cref="SqlFilterInto(string)"/>(new state), so a transition missing from <see cref="Allowed"/> never happens.
/// </summary>
public static class AlertTransitions
{
    /// <summary>The states a new alert starts in: pending, held when its poll is held, quiet when its recipient is in
    /// their quiet hours, or failed when its text could not be rendered. Nothing else ever enters held or quiet.</summary>
    public static IReadOnlySet<string> Initial { get; } = FrozenSet.Create(StringComparer.Ordinal, Pending, Held, Quiet, Failed);

    /// <summary>From each state, the states it may move to.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Allowed { get; } = new Dictionary<string, IReadOnlySet<string>>
    {
        // A held poll's alerts leave the hold only together: released (queued) or discarded, by an operator.
        [Held] = Set(Pending, Discarded),

        // A quiet alert goes out in its person's digest at the end of the quiet hours (or is replayed alone).
        [Quiet] = Set(Digested, Pending),

        // The dispatcher's outcome for a claimed alert: retried or in doubt (still pending), sent, or given up on.
        [Pending] = Set(Pending, Sent, Failed, Suppressed, Expired),
        // Twilio's status callbacks (a repeated "sent" leaves it sent), or a replay.
        [Sent] = Set(Sent, Delivered, Undelivered, Failed, Pending),
        // The ends of an alert's life: only a replay moves it again.
        [Delivered] = Set(Pending),
        [Undelivered] = Set(Pending),
        [Failed] = Set(Pending),
        [Suppressed] = Set(Pending),
        [Expired] = Set(Pending),
        [Discarded] = Set(Pending),
        [Digested] = Set(Pending),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string[]> IntoState = AlertStates.All.ToFrozenDictionary(
        to => to, to => Allowed.Where(a => a.Value.Contains(to)).Select(a => a.Key).ToArray(), StringComparer.Ordinal);

    public static bool Allows(string from, string to) => Allowed.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>The states that may move to <paramref name="to"/>: the filter of every UPDATE that sets it.</summary>
    /// <exception cref="ArgumentException">No state may move to <paramref name="to"/> (not a state).</exception>
    public static IReadOnlyList<string> Into(string to) =>
        IntoState.TryGetValue(to, out var from) && from.Length > 0
            ? from
            : throw new ArgumentException($"'{to}' is not an alert state any state may move to.", nameof(to));

    /// <summary>"state IN ('a', 'b')" for the states that may move to <paramref name="to"/>. The names are this
    /// class's own constants, written into the SQL (a list parameter is expanded differently by each database).</summary>
    public static string SqlFilterInto(string to) => $"state IN ({string.Join(", ", Into(to).Select(s => $"'{s}'"))})";

    /// <summary>As <see cref="SqlFilterInto(string)"/>, for a move that must not start from <paramref name="except"/>
    /// (a replay moves to pending, but never out of a hold: only its release does).</summary>
    public static string SqlFilterInto(string to, string except) =>
        $"state IN ({string.Join(", ", Into(to).Where(s => s != except).Select(s => $"'{s}'"))})";

    /// <summary>"state = 'from'" for a move from one state to another that the table allows.</summary>
    /// <exception cref="ArgumentException">The table does not allow the move.</exception>
    public static string SqlFilterFrom(string from, string to) =>
        Allows(from, to) ? $"state = '{from}'" : throw new ArgumentException($"An alert may not move from {from} to {to}.", nameof(to));

    private static FrozenSet<string> Set(params string[] states) => states.ToFrozenSet(StringComparer.Ordinal);
}
