using System.Security.Cryptography;

namespace MlConnector.Simulators.Twilio.Verify;

/// <summary>
/// Verify's rules on the injected clock: a verification stays pending for <see cref="VerifySimulatorOptions.CodeLifetime"/>
/// (then it is gone: checks answer 404 / 20404); a new send to a number with a pending verification resends the same
/// code, at most <see cref="VerifySimulatorOptions.MaxSendAttempts"/> sends (then 429 / 60203); at most
/// <see cref="VerifySimulatorOptions.MaxCheckAttempts"/> wrong checks (then 429 / 60202); a right code approves it
/// (then it is gone too). Thread-safe.
/// </summary>
public sealed class VerifyStore(TwilioSimulatorOptions options)
{
    private readonly List<SimulatedVerification> _all = [];
    private readonly VerifySimulatorOptions _options = options?.Verify ?? throw new ArgumentNullException(nameof(options));
    private readonly Lock _gate = new();

    public IReadOnlyList<SimulatedVerification> Verifications
    {
        get
        {
            lock (_gate)
            {
                return [.. _all];
            }
        }
    }

    /// <summary>Starts (or resends) a verification to <paramref name="to"/> and "delivers" its code.</summary>
    internal (SimulatedVerification? Verification, CreateError? Error) Send(string to, string channel, DateTimeOffset now)
    {
        lock (_gate)
        {
            var index = _all.FindLastIndex(v => v.To == to && Live(v, now) && v.Status == "pending");
            if (index >= 0)
            {
                var live = _all[index];
                if (live.SendAttempts.Count >= _options.MaxSendAttempts)
                {
                    return (null, new CreateError(429, 60203, "Max send attempts reached"));
                }

                return (_all[index] = live with { DateUpdated = now, SendAttempts = [.. live.SendAttempts, Attempt(to, live.Code, now)] }, null);
            }

            var code = NewCode(_options.CodeLength);
            var verification = new SimulatedVerification(TwilioSimulatorState.NewSid("VE"), _options.ServiceSid, to, channel,
                code, "pending", now, now, now + _options.CodeLifetime, [Attempt(to, code, now)], 0);
            _all.Add(verification);
            return (verification, null);
        }
    }

    /// <summary>Checks <paramref name="code"/> against the pending verification of a number or SID.</summary>
    internal (SimulatedVerification? Verification, CreateError? Error) Check(string? to, string? sid, string code,
        DateTimeOffset now, string path)
    {
        lock (_gate)
        {
            var index = sid is not null
                ? _all.FindIndex(v => v.Sid == sid)
                : _all.FindLastIndex(v => v.To == to && v.Status is "pending" or "max_attempts_reached");
            if (index < 0 || !Live(_all[index], now) || _all[index].Status is not ("pending" or "max_attempts_reached"))
            {
                return (null, new CreateError(404, 20404, $"The requested resource {path} was not found"));
            }

            var v = _all[index];
            if (v.ChecksMade >= _options.MaxCheckAttempts)
            {
                _all[index] = v with { Status = "max_attempts_reached", DateUpdated = now };
                return (null, new CreateError(429, 60202, "Max check attempts reached"));
            }

            var status = CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(code),
                System.Text.Encoding.UTF8.GetBytes(v.Code)) ? "approved" : "pending";
            return (_all[index] = v with { Status = status, ChecksMade = v.ChecksMade + 1, DateUpdated = now }, null);
        }
    }

    /// <summary>The verification most recently started for <paramref name="to"/> (whatever its status now), or null:
    /// what that phone last received.</summary>
    public SimulatedVerification? Latest(string to)
    {
        lock (_gate)
        {
            return _all.FindLast(v => v.To == to);
        }
    }

    /// <summary>A pending verification by SID (null when unknown, expired, approved or canceled: Verify's 404).</summary>
    internal SimulatedVerification? Pending(string sid, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _all.Find(v => v.Sid == sid && Live(v, now) && v.Status is "pending" or "max_attempts_reached");
        }
    }

    /// <summary>Sets a pending verification's status (canceled or approved, as POST Verifications/{Sid} may).</summary>
    internal SimulatedVerification? SetStatus(string sid, string status, DateTimeOffset now)
    {
        lock (_gate)
        {
            var index = _all.FindIndex(v => v.Sid == sid && Live(v, now) && v.Status is "pending" or "max_attempts_reached");
            return index < 0 ? null : _all[index] = _all[index] with { Status = status, DateUpdated = now };
        }
    }

    private VerifySendAttempt Attempt(string to, string code, DateTimeOffset now) =>
        new(TwilioSimulatorState.NewSid("VL"), now, to, $"Your {_options.FriendlyName} verification code is: {code}");

    private static bool Live(SimulatedVerification v, DateTimeOffset now) => now < v.ExpiresAt;

    private static string NewCode(int length) =>
        string.Concat(Enumerable.Range(0, Math.Clamp(length, 4, 10)).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
}
