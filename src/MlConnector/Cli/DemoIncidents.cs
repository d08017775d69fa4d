using MlConnector.Simulators.Twilio;

namespace MlConnector.Cli;

/// <summary>
/// What the demo makes go wrong in its first two minutes, so a newcomer sees the connector handle it: Twilio's rate
/// limit refuses the first text once (it is retried), Dana's handset is off for the first 90 seconds (her texts come
/// back undelivered, 30003: replay one from the dashboard after that and it arrives), and Pat texts STOP after
/// 45 seconds (Pat's later texts are suppressed; the Opt-outs page lifts it).
/// </summary>
internal static class DemoIncidents
{
    public const string HandsetOffPhone = "+15550100004";
    public const string StopPhone = "+15550100002";
    public static readonly TimeSpan HandsetOffFor = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan StopAfter = TimeSpan.FromSeconds(45);

    /// <summary>Sets up the refusal and the switched-off handset at once, and returns the timeline of the rest.</summary>
    public static async Task RunAsync(TwilioSimulator twilio, TimeProvider time, CancellationToken ct)
    {
        twilio.Faults.Enqueue(new TwilioFault(TwilioFaultKind.TooManyRequests, RetryAfter: 2));
        twilio.Options.Outcomes[HandsetOffPhone] = DeliveryOutcome.Undelivered(30003);
        CliConsole.Out.WriteLine($"Demo: Twilio will refuse the first text once (rate limit), Dana's handset is off for the first {HandsetOffFor.TotalSeconds:0} s, "
            + $"and Pat texts STOP after {StopAfter.TotalSeconds:0} s: watch the retry, the failure, and the opt-out on the dashboard.");
        try
        {
            await Task.Delay(StopAfter, time, ct);
            await twilio.InjectInboundAsync(StopPhone, "STOP", ct);
            CliConsole.Out.WriteLine("Demo: Pat texted STOP: Pat's next texts are suppressed (see Opt-outs).");
            await Task.Delay(HandsetOffFor - StopAfter, time, ct);
            twilio.Options.Outcomes[HandsetOffPhone] = DeliveryOutcome.Delivered; // a value replaced, not a key removed: the simulator reads it meanwhile
            CliConsole.Out.WriteLine("Demo: Dana's handset is back on: replay one of her failed texts from the dashboard and it arrives.");
        }
        catch (OperationCanceledException)
        {
            // The demo stopped first.
        }
    }
}
