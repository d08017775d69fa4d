using System.Globalization;
using System.Text;
using MlConnector.PeerComparison.Sides;

namespace MlConnector.PeerComparison.Report;

/// <summary>Issue 15's table, with a ratio column (ml-connector divided by Node-RED: below 1 is better for the
/// connector, except send rates where above 1 is), as markdown ready for bench/README.md. "n/m": not measured.</summary>
internal static class ReportWriter
{
    public static string Markdown(Figures figures)
    {
        var plan = figures.Plan;
        var (c, f) = (figures.Connector, figures.Flow);
        var text = new StringBuilder();
        var title = plan.RunsMainStep ? $"{plan.Mode} run" : Invariant($"{plan.LargePurchaseOrders:N0}-PO step");
        text.AppendLine(Invariant($"### Peer comparison, {title}, {figures.StartedAt:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine();
        text.AppendLine(Invariant($"Machine: {figures.Machine}."));
        text.AppendLine(Invariant($"Load average (1, 5, 15 min): {string.Join("; ", figures.LoadAverages)}."));
        text.AppendLine(Invariant($"Took {figures.Duration.TotalMinutes:0} min (cap {plan.TimeCap.TotalMinutes:0} min). {Describe(plan)}"));
        text.AppendLine();
        var rows = plan.RunsMainStep ? $"{plan.PurchaseOrders:N0} POs" : "the size step";
        text.AppendLine(Invariant($"| figure (same run, 5 rules every {plan.CadenceSeconds} s, {rows}) | ml-connector | Node-RED | ml-connector / Node-RED | goal (issue 15) |"));
        text.AppendLine("|---|---|---|---|---|");
        if (plan.RunsMainStep && plan.MeasuresIdle)
        {
            Row(text, Invariant($"idle RSS after {Minutes(plan.RssAt)} (peak over the {plan.PurchaseOrders:N0}-PO run)"), Memory(c.IdleRss, c.PeakRss), Memory(f.IdleRss, f.PeakRss),
                Format.Ratio(c.IdleRss, f.IdleRss), "<= 120 MB, and below the flow");
            Row(text, Invariant($"idle CPU ({Minutes(plan.IdleWindow)} x {plan.HourFactor:0.#})"), Cpu(c.IdleCpuSecondsPerHour), Cpu(f.IdleCpuSecondsPerHour),
                Format.Ratio(c.IdleCpuSecondsPerHour, f.IdleCpuSecondsPerHour), "below the flow");
            Row(text, Invariant($"PO change -> Twilio create, min / median / p95 / max ({plan.Changes} changes)"), Latency(c.Latency), Latency(f.Latency),
                Format.Ratio(c.Latency?.Median.TotalSeconds, f.Latency?.Median.TotalSeconds) + " (median)", "below the flow, <= cadence + 1 s at p99");
            Row(text, Invariant($"poll of {plan.PurchaseOrders:N0} POs, first / re-poll"), Poll(c.Poll), Poll(f.Poll),
                Format.Ratio(c.Poll?.Repoll?.TotalMilliseconds, f.Poll?.Repoll?.TotalMilliseconds) + " (re-poll)", "re-poll no slower than the flow");
        }

        if (plan.LargePurchaseOrders is { } large)
        {
            Row(text, Invariant($"peak RSS, {large:N0} POs"), Format.Megabytes(c.LargePeakRss), Format.Megabytes(f.LargePeakRss),
                Format.Ratio(c.LargePeakRss, f.LargePeakRss), large >= 1_000_000 ? "< 300 MB" : "");
            Row(text, Invariant($"poll of {large:N0} POs, first / re-poll"), Poll(c.LargePoll), Poll(f.LargePoll),
                Format.Ratio(c.LargePoll?.Repoll?.TotalMilliseconds, f.LargePoll?.Repoll?.TotalMilliseconds) + " (re-poll)", "");
        }

        if (plan.RunsMainStep)
        {
            Row(text, Invariant($"sends at a 10/s limit, {plan.Alerts:N0} alerts"), Send(c.Send10), Send(f.Send10),
                Format.Ratio(c.Send10?.PerSecond, f.Send10?.PerSecond), ">= 98 %");
            Row(text, Invariant($"sends at a 50/s limit, {plan.Alerts:N0} alerts"), Send(c.Send50), Send(f.Send50),
                Format.Ratio(c.Send50?.PerSecond, f.Send50?.PerSecond), ">= 98 %, 0 self-caused 429s");
        }

        if (figures.Notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in figures.Notes)
            {
                text.AppendLine("- " + note);
            }
        }

        return text.ToString();
    }

    private static string Describe(ComparisonPlan plan) => !plan.MeasuresIdle
        ? Invariant($"Send-rate steps only: {plan.Alerts:N0} alerts per step, on processes started for them.")
        : plan.RunsMainStep
        ? Invariant($"RSS when each process is {Minutes(plan.RssAt)} old; idle CPU over {Minutes(plan.IdleWindow)}; {plan.Changes} PO changes; {plan.Alerts:N0} alerts per send step") +
          (plan.LargePurchaseOrders is { } n ? Invariant($"; {n:N0}-PO step observed {Minutes(plan.LargeObservation)} after its first poll.") : ".")
        : Invariant($"First poll, then {Minutes(plan.LargeObservation)} of re-polls.");

    private static void Row(StringBuilder text, string figure, string connector, string flow, string ratio, string goal) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {connector} | {flow} | {ratio} | {goal} |");

    private static string Memory(long? idle, long? peak) => $"{Format.Megabytes(idle)} (peak {Format.Megabytes(peak)})";

    private static string Cpu(double? perHour) => perHour is { } v ? Format.Number(v, "N0") + " CPU-s/h" : "n/m";

    private static string Latency(LatencyFigures? l) => l is null
        ? "n/m"
        : $"{Format.Seconds(l.Min)} / {Format.Seconds(l.Median)} / {Format.Seconds(l.P95)} / {Format.Seconds(l.Max)} s" +
          (l.Missing > 0 ? Invariant($" ({l.Missing} never arrived)") : "");

    private static string Poll(PollTimes? p) => p is null
        ? "n/m"
        : Invariant($"{Format.Milliseconds(p.First)} / {Format.Milliseconds(p.Repoll)} ({p.Rows:N0} rows, median of {p.Repolls})");

    private static string Send(SendRateFigures? s)
    {
        if (s is null)
        {
            return "n/m";
        }

        var rate = s.PerSecond is { } r ? Invariant($"{r:0.00}/s ({r / s.Limit * 100:0.0} %)") : "n/m";
        var lost = s.Lost > 0 ? Invariant($", {s.Lost} of {s.Expected} never sent") : "";
        return Invariant($"{rate}, {s.TooManyRequests} x 429{lost}");
    }

    private static string Minutes(TimeSpan value) => value.TotalMinutes >= 1 && value.TotalSeconds % 60 == 0
        ? Invariant($"{value.TotalMinutes:0} min")
        : Invariant($"{value.TotalSeconds:0} s");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
