using System.Collections.Concurrent;

namespace MlConnector.Detection;

/// <summary>The last poll of each rule in this instance, for /health, the dashboard and tests that wait for polls.</summary>
public sealed class PollTracker
{
    private readonly ConcurrentDictionary<string, PollRecord> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _waitersLock = new();
    private readonly List<(string Rule, int Count, TaskCompletionSource Done)> _waiters = [];

    public PollTracker(Microsoft.Extensions.Options.IOptions<PollingOptions> options) =>
        InstanceId = string.IsNullOrWhiteSpace(options.Value.InstanceId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"
            : options.Value.InstanceId;

    /// <summary>This instance's name in poll records and leases.</summary>
    public string InstanceId { get; }

    public IReadOnlyDictionary<string, PollRecord> Last => _last;

    public int CountOf(string ruleId) => _counts.GetValueOrDefault(ruleId);

    public void Completed(string ruleId, PollRecord poll)
    {
        _last[ruleId] = poll;
        var count = _counts.AddOrUpdate(ruleId, 1, (_, c) => c + 1);
        lock (_waitersLock)
        {
            foreach (var waiter in _waiters.Where(w => w.Rule == ruleId && count >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }

    /// <summary>Completes once the rule has finished at least <paramref name="count"/> polls in total.</summary>
    public Task WaitForPollsAsync(string ruleId, int count, CancellationToken ct)
    {
        lock (_waitersLock)
        {
            if (CountOf(ruleId) >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((ruleId, count, done));
            return done.Task.WaitAsync(ct);
        }
    }
}
