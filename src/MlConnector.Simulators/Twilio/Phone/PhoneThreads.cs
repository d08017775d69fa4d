using System.Globalization;
using MlConnector.Simulators.Twilio.Calls;
using MlConnector.Simulators.Twilio.Verify;

namespace MlConnector.Simulators.Twilio.Phone;

/// <summary>One bubble: <c>out</c> (a text to the phone), <c>in</c> (a reply), <c>verify</c> (a Verify code) or <c>call</c>.</summary>
internal sealed record PhoneEntry(DateTimeOffset At, string Kind, string Text, string Status, IReadOnlyList<string> Lines);

/// <summary>Everything one handset saw, oldest first.</summary>
internal sealed record PhoneThread(string Number, IReadOnlyList<PhoneEntry> Entries);

/// <summary>
/// Groups what the simulator sent and received by the handset's number (the recipient of texts, codes and calls, the
/// sender of replies): threads with the latest activity first, each oldest to newest (at most the last 100 entries).
/// </summary>
internal static class PhoneThreads
{
    private const int PerThread = 100;

    public static IReadOnlyList<PhoneThread> Build(TwilioSimulatorState state, VerifyStore verify, CallStore calls)
    {
        var entries = new List<(string Number, PhoneEntry Entry)>();
        foreach (var m in state.Messages)
        {
            var inbound = m.Direction == "inbound";
            entries.Add((inbound ? m.From ?? "" : m.To, new PhoneEntry(m.ReceivedAt, inbound ? "in" : "out",
                m.Body ?? "(media)", MessageStatus(m), [])));
        }

        foreach (var v in verify.Verifications)
        {
            entries.AddRange(v.SendAttempts.Select(a => (a.To, new PhoneEntry(a.At, "verify", a.Body, $"Verify · {v.Status}",
                (IReadOnlyList<string>)[]))));
        }

        foreach (var c in calls.Calls)
        {
            entries.Add((c.To, new PhoneEntry(c.DateCreated, "call", $"Call from {c.From}", CallStatus(c), CallLines(c))));
        }

        return [.. entries.GroupBy(e => e.Number, StringComparer.Ordinal)
            .Select(g => new PhoneThread(g.Key, [.. g.Select(e => e.Entry).OrderBy(e => e.At).TakeLast(PerThread)]))
            .OrderByDescending(t => t.Entries[^1].At)];
    }

    private static string MessageStatus(SimulatedMessage m) => m.ErrorCode is { } code
        ? $"{m.Status} · error {code.ToString(CultureInfo.InvariantCulture)} {m.ErrorMessage}"
        : m.NumSegments > 1 ? $"{m.Status} · {m.NumSegments.ToString(CultureInfo.InvariantCulture)} segments" : m.Status;

    private static string CallStatus(SimulatedCall c) => c.Duration is { } seconds
        ? $"{c.Status} · {seconds.ToString(CultureInfo.InvariantCulture)} s"
        : c.ErrorCode is { } code ? $"{c.Status} · error {code.ToString(CultureInfo.InvariantCulture)}" : c.Status;

    private static IReadOnlyList<string> CallLines(SimulatedCall c) => [.. c.Transcript.Select(s => s.Verb switch
    {
        "say" => $"said “{s.Text}”",
        "digits" => $"pressed {s.Text}",
        "gather" => $"waiting for keys",
        "hangup" => "hung up",
        _ => $"{s.Verb} {s.Text}".Trim(),
    }).Where(line => line.Length > 0)];
}
