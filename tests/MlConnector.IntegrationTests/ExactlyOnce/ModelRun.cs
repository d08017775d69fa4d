using System.Globalization;
using System.Text;
using MlConnector.Alerts;
using MlConnector.Audit;
using MlConnector.IntegrationTests.Delivery;
using MlConnector.Simulators.Twilio;

namespace MlConnector.IntegrationTests.ExactlyOnce;

/// <summary>
/// One random run from a seed: business changes in SYSPRO, polls, Twilio faults (429 with and without Retry-After,
/// 5xx as JSON and HTML, hangs, slow answers, accept-then-drop, an outage, failing lookups, reordered and duplicated
/// callbacks), the clock moving, and instances killed at random moments (idle, while a send is on its way, just after
/// Twilio accepted one, in the middle of a poll) and restarted. Then it drains: every rule polled once more and the
/// clock moved until no alert is waiting. The verdict compares the texts Twilio accepted with the texts the model says
/// SYSPRO's changes owe (never with the connector's alerts table): nothing lost, nothing twice, nothing false, nothing
/// stuck, every alert's audit timeline complete. The same seed gives the same steps (thread timing may differ).
/// </summary>
internal sealed class ModelRun(int seed, DeliveryStore store, int instances, int steps)
{
    private static readonly TimeSpan[] Steps =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    private readonly Random _random = new(seed);
    private readonly List<string> _steps = [];
    private DateTimeOffset _start;

    /// <summary>Failed alerts the operator replayed while draining.</summary>
    public int Replays { get; private set; }

    /// <summary>What the run did, in numbers (after <see cref="RunAsync"/>).</summary>
    public string Summary { get; private set; } = "";

    /// <summary>Null when every owed text was sent exactly once; otherwise what went wrong, with the steps taken.</summary>
    public async Task<string?> RunAsync()
    {
        await using var world = await ModelWorld.StartAsync(store, instances);
        _start = world.Time.GetUtcNow();
        var model = new BusinessModel(world.Syspro.Data, _random);
        model.ChooseOrders(perStatus: 4);
        foreach (var rule in BusinessModel.Rules)
        {
            if (await PollAsync(world, model, rule, baseline: true) is { } error)
            {
                return Report(error);
            }
        }

        for (var step = 0; step < steps; step++)
        {
            if (await StepAsync(world, model) is { } error)
            {
                return Report(error);
            }
        }

        foreach (var rule in BusinessModel.Rules)
        {
            if (await PollAsync(world, model, rule, baseline: false) is { } error)
            {
                return Report(error);
            }
        }

        world.Twilio.Faults.Clear();
        var drained = await DrainAsync(world);
        var alerts = await world.AlertsAsync();
        Summary = string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {model.Changes} changes, {model.Owed.Values.Sum()} texts owed, {world.Twilio.Messages.Count} sent, " +
            $"{alerts.Count} alerts, {world.Twilio.CreateRequests.Count} create requests, {world.Kills} kills, {Replays} replays, " +
            $"{(world.Time.GetUtcNow() - _start).TotalMinutes:0} simulated minutes");
        return Verdict(model, world, drained, alerts);
    }

    private async Task<string?> StepAsync(ModelWorld world, BusinessModel model)
    {
        var pick = _random.Next(100);
        switch (pick)
        {
            case < 35:
                model.ChangeSomething();
                _steps.Add(model.Log[^1]);
                return null;
            case < 55:
                var rule = BusinessModel.Rules[_random.Next(BusinessModel.Rules.Length)];
                return await PollAsync(world, model, rule, baseline: false);
            case < 67:
                Fault(world);
                return null;
            case < 93:
                var count = _random.Next(1, 8);
                var size = Steps[_random.Next(Steps.Length)];
                _steps.Add($"clock +{count} x {size.TotalSeconds} s");
                for (var i = 0; i < count; i++)
                {
                    await world.StepAsync(size);
                }

                return null;
            default:
                return await KillAndRestartAsync(world, model);
        }
    }

    private async Task<string?> KillAndRestartAsync(ModelWorld world, BusinessModel model)
    {
        var instance = _random.Next(world.Instances);
        var how = _random.Next(4);
        string? rule = null;
        switch (how)
        {
            case 0:
                _steps.Add($"kill {ModelWorld.Id(instance)} while idle");
                await world.StepAsync(TimeSpan.Zero);
                await world.KillAsync(instance);
                break;
            case 1 or 2:
                _steps.Add($"kill {ModelWorld.Id(instance)} while busy{(how == 2 ? ", after a create" : "")}");
                await world.KillWhileBusyAsync(instance, Steps[_random.Next(Steps.Length)], afterCreate: how == 2);
                break;
            default:
                rule = BusinessModel.Rules[_random.Next(BusinessModel.Rules.Length)];
                _steps.Add($"kill {ModelWorld.Id(instance)} during a poll of {rule}");
                await world.KillDuringPollAsync(rule, instance);
                break;
        }

        await world.RestartAsync(instance);
        // After a kill during a poll, no change until the rule is polled again: whether or not the killed poll
        // committed, that poll sees the same SYSPRO, so the texts owed are the same either way.
        return rule is null ? null : await PollAsync(world, model, rule, baseline: false);
    }

    private void Fault(ModelWorld world)
    {
        var twilio = world.Twilio;
        var pick = _random.Next(14);
        switch (pick)
        {
            case 10:
                twilio.Options.ReorderCallbacks = !twilio.Options.ReorderCallbacks;
                _steps.Add($"Twilio reorders callbacks: {twilio.Options.ReorderCallbacks}");
                return;
            case 11:
                twilio.Options.DuplicateCallbacks = !twilio.Options.DuplicateCallbacks;
                _steps.Add($"Twilio duplicates callbacks: {twilio.Options.DuplicateCallbacks}");
                return;
            case 12:
                var until = world.Time.GetUtcNow() + TimeSpan.FromSeconds(_random.Next(5, 60));
                twilio.Faults.DownUntil(until, new TwilioFault(TwilioFaultKind.ServiceUnavailableJson));
                _steps.Add($"Twilio down until {until:HH:mm:ss}");
                return;
            case 13:
                var target = _random.Next(2) == 0 ? TwilioFaultTarget.MessageList : TwilioFaultTarget.MessageFetch;
                twilio.Faults.Enqueue(new TwilioFault(TwilioFaultKind.ServerErrorJson), _random.Next(1, 4), target);
                _steps.Add($"Twilio fails the next {target} requests");
                return;
        }

        TwilioFault fault = pick switch
        {
            0 => new(TwilioFaultKind.TooManyRequests),
            1 => new(TwilioFaultKind.TooManyRequests, RetryAfter: _random.Next(1, 6)),
            2 => new(TwilioFaultKind.TooManyRequestsNoBody),
            3 => new(TwilioFaultKind.ServerErrorJson),
            4 => new(TwilioFaultKind.ServerErrorHtml),
            5 => new(TwilioFaultKind.ServiceUnavailableJson, RetryAfter: _random.Next(0, 2) == 0 ? null : _random.Next(1, 6)),
            6 => new(TwilioFaultKind.ServiceUnavailableHtml),
            7 => new(TwilioFaultKind.Hang),
            8 => new(TwilioFaultKind.Slow, TimeSpan.FromSeconds(_random.Next(1, 20))),
            _ => new(TwilioFaultKind.AcceptThenDrop), // 9
        };

        var times = _random.Next(1, 3);
        twilio.Faults.Enqueue(fault, times);
        _steps.Add($"Twilio answers the next {times} create(s) with {fault.Kind}{(fault.RetryAfter is { } r ? $" (Retry-After {r})" : "")}");
    }

    private async Task<string?> PollAsync(ModelWorld world, BusinessModel model, string rule, bool baseline)
    {
        _steps.Add($"poll {rule}");
        if (await world.PollAsync(rule, _random.Next(world.Instances)) is { } error)
        {
            return error;
        }

        model.Polled(rule, baseline);
        return null;
    }

    /// <summary>
    /// Moves the clock a second at a time until no alert waits (pending, held or sent without a final status). An alert
    /// whose retries ran out (a long outage, then another fault) is failed, as it should be: the operator replays it,
    /// as from the dashboard, and it must then go out once like any other.
    /// </summary>
    private async Task<bool> DrainAsync(ModelWorld world)
    {
        var replays = new Dictionary<long, int>();
        for (var step = 0; step < 3000; step++)
        {
            if (step % 10 == 0)
            {
                var alerts = await world.AlertsAsync();
                foreach (var failed in alerts.Where(a => a.State == AlertStates.Failed && replays.GetValueOrDefault(a.Id) < 3))
                {
                    replays[failed.Id] = replays.GetValueOrDefault(failed.Id) + 1;
                    _steps.Add($"operator replays failed alert {failed.Id}: {await world.ReplayAsync(failed.Id)}");
                    Replays++;
                }

                if (alerts.All(a => IsFinal(a.State) && a.State != AlertStates.Failed))
                {
                    return true;
                }
            }

            await world.StepAsync(TimeSpan.FromSeconds(1));
        }

        return false;
    }

    private static bool IsFinal(string state) => state is AlertStates.Delivered or AlertStates.Undelivered or AlertStates.Failed
        or AlertStates.Expired or AlertStates.Suppressed or AlertStates.Discarded;

    private string? Verdict(BusinessModel model, ModelWorld world, bool drained, IReadOnlyList<ModelAlert> alerts)
    {
        var problems = new List<string>();
        var received = BusinessModel.Received(world.Twilio.Messages);
        foreach (var (key, owed) in model.Owed)
        {
            var got = received.GetValueOrDefault(key);
            if (got < owed)
            {
                problems.Add($"lost: {key.Rule} {key.Record} to {key.Phone} (owed {owed}, sent {got})");
            }
            else if (got > owed)
            {
                problems.Add($"twice: {key.Rule} {key.Record} to {key.Phone} (owed {owed}, sent {got})");
            }
        }

        problems.AddRange(received.Where(r => !model.Owed.ContainsKey(r.Key))
            .Select(r => $"false: {r.Key.Rule} {r.Key.Record} to {r.Key.Phone} ({r.Value} text(s) nobody owed)"));
        if (!drained)
        {
            problems.Add($"not drained at {world.Time.GetUtcNow():HH:mm:ss}: " + string.Join("; ", alerts.Where(a => !IsFinal(a.State))));
        }

        foreach (var alert in alerts)
        {
            if (alert.State != AlertStates.Delivered)
            {
                problems.Add($"not delivered: {alert}");
            }
            else if (TimelineGap(alert) is { } gap)
            {
                problems.Add($"audit timeline incomplete ({gap}): {alert}");
            }
        }

        return problems.Count == 0 ? null : Report(string.Join("\n", problems), world);
    }

    /// <summary>What a delivered alert's timeline lacks: its queueing, the attempt that got its MessageSid, the status
    /// that says it was delivered.</summary>
    private static string? TimelineGap(ModelAlert alert)
    {
        if (!alert.Timeline.Any(e => e.Kind == AuditKinds.Queued))
        {
            return "no queued entry";
        }

        if (!alert.Timeline.Any(e => e.Kind == AuditKinds.Attempt && e.Detail?.Contains(alert.MessageSid!, StringComparison.Ordinal) == true))
        {
            return "no attempt with its MessageSid";
        }

        return alert.Timeline.Any(e => e.Kind == AuditKinds.StatusCallback && e.Detail?.Contains("delivered", StringComparison.Ordinal) == true)
            ? null
            : "no delivered status";
    }

    private string Report(string problem, ModelWorld? world = null)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"seed {seed} ({store}, {instances} instance(s), {steps} steps): replay with MLC_MODEL_SEED={seed} MLC_MODEL_RUNS=1");
        text.AppendLine(problem);
        if (world is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{world.Kills} kill(s), {world.Twilio.CreateRequests.Count} create request(s), {world.Twilio.Messages.Count} message(s)");
            text.AppendLine("the live instances' last warnings (wall clock):");
            foreach (var line in world.RecentWarnings(30))
            {
                text.AppendLine("  " + line);
            }
        }

        text.AppendLine("steps:");
        foreach (var step in _steps)
        {
            text.AppendLine("  " + step);
        }

        return text.ToString();
    }
}
