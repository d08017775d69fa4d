using System.Collections.Concurrent;
using System.Globalization;
using MlConnector.Common;

namespace MlConnector.Simulators.Twilio;

/// <summary>
/// Moves accepted messages through their lifecycle on the injected clock (queued [service only] → sent → delivered or
/// undelivered, or straight to failed) with one TimeProvider timer per step, and hands each transition's callback to
/// the <see cref="CallbackSender"/>. No callback for the initial status, as on Twilio.
/// </summary>
internal sealed class StatusCallbackScheduler(TwilioSimulatorState state, CallbackSender sender) : IDisposable
{
    private readonly ConcurrentDictionary<ITimer, byte> _timers = new();
    private readonly ConcurrentDictionary<string, List<PendingCallback>> _held = new(StringComparer.Ordinal);

    public void Schedule(SimulatedMessage message)
    {
        var options = state.Options;
        if (options.TestCredentials)
        {
            return; // test credentials change no state and fire no callbacks
        }

        var outcome = options.Outcomes.TryGetValue(message.To, out var o) ? o : DeliveryOutcome.Delivered;
        if (message.MessagingServiceSid is not null)
        {
            At(options.SentDelay / 2, message.Sid, "queued", outcome);
        }

        if (outcome.IsFailed)
        {
            At(options.SentDelay, message.Sid, "failed", outcome);
            return;
        }

        At(options.SentDelay, message.Sid, "sent", outcome);
        At(options.DeliveredDelay, message.Sid, outcome.FinalStatus, outcome);
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Keys)
        {
            timer.Dispose();
        }
    }

    private void At(TimeSpan delay, string sid, string status, DeliveryOutcome outcome)
    {
        // Event times come from the schedule, not from when the timer ran: one big clock jump fires several at once.
        var due = state.Time.GetUtcNow() + delay;
        ITimer? timer = null;
        timer = state.Time.CreateTimer(_ =>
        {
            if (timer is not null && _timers.TryRemove(timer, out byte _))
            {
                timer.Dispose();
            }

            Fire(sid, status, outcome, due);
        }, null, delay, Timeout.InfiniteTimeSpan);
        _timers.TryAdd(timer, 0);
    }

    private void Fire(string sid, string status, DeliveryOutcome outcome, DateTimeOffset now)
    {
        var final = status is "delivered" or "undelivered" or "failed";
        var withError = status is "undelivered" or "failed";
        var message = state.Update(sid, m => m with
        {
            Status = status,
            From = m.From ?? state.Options.InboundToNumber, // a service picks its sender when it queues
            NumSegments = m.NumSegments == 0 && m.Body is { } body ? SmsSegments.Count(body).Segments : m.NumSegments,
            ErrorCode = withError ? outcome.ErrorCode : null,
            ErrorMessage = withError ? outcome.ErrorMessage : null,
            DateUpdated = now,
            DateSent = status is "sent" or "failed" ? now : m.DateSent,
        });
        if (message?.StatusCallback is not { } url)
        {
            return;
        }

        var callback = new PendingCallback(url, sid, status, Parameters(message, status, now),
            "IT" + Guid.NewGuid().ToString("N"));
        var batch = new List<PendingCallback>();
        if (state.Options.ReorderCallbacks && !final)
        {
            _held.GetOrAdd(sid, _ => []).Add(callback); // sent later, after the final status
            return;
        }

        batch.Add(callback);
        if (_held.TryRemove(sid, out var held))
        {
            batch.AddRange(Enumerable.Reverse(held));
        }

        foreach (var item in batch)
        {
            sender.Enqueue(item);
            if (state.Options.DuplicateCallbacks)
            {
                sender.Enqueue(item);
            }
        }
    }

    private Dictionary<string, string> Parameters(SimulatedMessage message, string status, DateTimeOffset now)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = state.Options.AccountSid,
            ["From"] = message.From ?? string.Empty,
            ["To"] = message.To,
            ["MessageSid"] = message.Sid,
            ["SmsSid"] = message.Sid,
            ["MessageStatus"] = status,
            ["SmsStatus"] = status,
            ["ApiVersion"] = TwilioJson.ApiVersion,
        };
        if (message.MessagingServiceSid is { } service)
        {
            p["MessagingServiceSid"] = service;
        }

        if (status is "undelivered" or "failed" && message.ErrorCode is { } code)
        {
            p["ErrorCode"] = code.ToString(CultureInfo.InvariantCulture);
        }

        if (status is "delivered" or "undelivered")
        {
            p["RawDlrDoneDate"] = now.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture);
        }

        return p;
    }
}
