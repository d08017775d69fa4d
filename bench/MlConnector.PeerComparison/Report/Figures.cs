using MlConnector.PeerComparison.Sides;

namespace MlConnector.PeerComparison.Report;

/// <summary>PO change to Twilio create: over <see cref="Count"/> changes whose text arrived; <see cref="Missing"/> never did.</summary>
internal sealed record LatencyFigures(int Count, int Missing, TimeSpan Min, TimeSpan Median, TimeSpan P95, TimeSpan Max);

/// <summary>A send-rate step: <see cref="Received"/> of <see cref="Expected"/> texts accepted, at (N - 1) / (last - first)
/// creates a second; 429s the simulator answered during the step; sends the side gave up on.</summary>
internal sealed record SendRateFigures(int Limit, int Expected, int Received, double? PerSecond, int TooManyRequests, int Lost);

/// <summary>Everything measured of one side; null where a figure was not measured (time cap, failure, step not run).</summary>
internal sealed class SideFigures
{
    public long? IdleRss { get; set; }

    public long? PeakRss { get; set; }

    public double? IdleCpuSecondsPerHour { get; set; }

    public LatencyFigures? Latency { get; set; }

    public PollTimes? Poll { get; set; }

    public SendRateFigures? Send10 { get; set; }

    public SendRateFigures? Send50 { get; set; }

    public long? LargePeakRss { get; set; }

    public PollTimes? LargePoll { get; set; }
}

/// <summary>One run of the comparison: what was asked, on what machine, and what each side did.</summary>
internal sealed class Figures(ComparisonPlan plan)
{
    public ComparisonPlan Plan { get; } = plan;

    public SideFigures Connector { get; } = new();

    public SideFigures Flow { get; } = new();

    public List<string> Notes { get; } = [];

    public List<string> LoadAverages { get; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public TimeSpan Duration { get; set; }

    public string Machine { get; set; } = "";

    public SideFigures For(IPeer peer) => peer is ConnectorPeer ? Connector : Flow;
}
