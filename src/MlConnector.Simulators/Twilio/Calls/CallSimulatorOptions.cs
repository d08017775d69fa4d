namespace MlConnector.Simulators.Twilio.Calls;

/// <summary>Timing and outcomes of simulated calls (all on the simulator's clock).</summary>
public sealed class CallSimulatorOptions
{
    /// <value>From create to "initiated" and "ringing" (or to "failed"). The default is 1 second.</value>
    public TimeSpan RingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>How long the phone rings before it is answered (or gives a busy signal). The default is 3 seconds.</value>
    public TimeSpan AnswerDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <value>How long one spoken word of a &lt;Say&gt; takes (an assumption: about 150 words a minute). The default is 0.4 seconds.</value>
    public TimeSpan SayTimePerWord { get; set; } = TimeSpan.FromSeconds(0.4);

    /// <summary>Outcome per called number; numbers not listed are answered.</summary>
    public IDictionary<string, CallOutcome> Outcomes { get; } = new Dictionary<string, CallOutcome>(StringComparer.Ordinal);
}
