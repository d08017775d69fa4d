using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using MlConnector.Storage;

namespace MlConnector.Detection;

/// <summary>
/// This process's claim on its instance id (Polling:InstanceId) in table <c>instances</c>, with a heartbeat. At start-up
/// it makes sure no other live process runs under the same id: when the id has a row, it waits one heartbeat interval
/// (and a half) on the clock; a heartbeat that moved meanwhile means the id is alive elsewhere, and start-up stops with
/// one line naming Polling:InstanceId (exit 2). Otherwise the id is this process's: it takes it over, and with it the
/// rule leases its dead predecessor left (a restart under systemd polls at once). A clean stop removes the row.
/// </summary>
public sealed class InstanceRegistry(IDbDialect dialect, PollTracker tracker, RuleLeases leases, IOptions<PollingOptions> options,
    TimeProvider time, ILogger<InstanceRegistry> logger) : BackgroundService
{
    private readonly string _token = Guid.NewGuid().ToString("N");
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _superseded;
    private PeriodicTimer? _beats;

    /// <summary>How long a starting process watches an existing row of its id for a heartbeat.</summary>
    public TimeSpan CheckWait => options.Value.HeartbeatInterval * 1.5;

    /// <summary>Completes when start-up watches another row of this id, its wait already on the clock (for tests that
    /// move the clock then).</summary>
    public Task Watching => _waiting.Task;

    /// <summary>Another process took this id over (it thought this one dead): this one must not poll any more.</summary>
    public bool Superseded => _superseded;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ClaimIdAsync(cancellationToken);
        // The heartbeat's schedule starts now, not when ExecuteAsync first runs (on a pool thread since .NET 10, which
        // a busy machine may run late): a clock moved by one interval after start-up always finds a beat due.
        _beats = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var connection = await dialect.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM instances WHERE instance_id = @Id AND token = @Token",
                new { Id = tracker.InstanceId, Token = _token }, cancellationToken: cancellationToken));
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            logger.InstanceRowNotRemoved(tracker.InstanceId, e.Message); // the next start under this id waits one interval
        }
    }

    /// <summary>The live instance that started first reports what all instances share (the queue's gauges), once.
    /// Live: a heartbeat within Polling:LeaseDuration; this process counts itself live while its row is its own.</summary>
    public async Task<bool> IsEldestLiveAsync(CancellationToken ct)
    {
        if (_superseded)
        {
            return false;
        }

        var since = time.GetUtcNow() - options.Value.LeaseDuration;
        await using var connection = await dialect.OpenAsync(ct);
        var eldest = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT token FROM instances WHERE heartbeat_at >= @Since OR token = @Token ORDER BY started_at, instance_id LIMIT 1",
            new { Since = since.ToStored(), Token = _token }, cancellationToken: ct));
        return eldest == _token;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = _beats ?? throw new InvalidOperationException("The instance registry runs only after StartAsync claimed its id.");
        while (!_superseded && await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var connection = await dialect.OpenAsync(stoppingToken);
                var beat = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE instances SET beats = beats + 1, heartbeat_at = @Now WHERE instance_id = @Id AND token = @Token",
                    new { Id = tracker.InstanceId, Token = _token, Now = time.GetUtcNow().ToStored() }, cancellationToken: stoppingToken));
                if (beat == 0)
                {
                    _superseded = true;
                    logger.InstanceSuperseded(tracker.InstanceId);
                }
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
            {
                logger.HeartbeatFailed(tracker.InstanceId, e.Message);
            }
        }
    }

    private async Task ClaimIdAsync(CancellationToken ct)
    {
        var id = tracker.InstanceId;
        var before = await ReadAsync(ct);
        if (before is { } seen)
        {
            logger.WatchingInstanceId(id, CheckWait);
            // The wait is on the clock before anyone hears it began: a test that moves the clock once told moves it
            // past this wait, never before it.
            var waited = Task.Delay(CheckWait, time, ct);
            _waiting.TrySetResult();
            await waited;
            if (await ReadAsync(ct) is { } now && now != seen)
            {
                throw InUse(id);
            }
        }

        await using var connection = await dialect.OpenAsync(ct);
        var args = new { Id = id, Token = _token, Now = time.GetUtcNow().ToStored(), Seen = before?.Token };
        var claimed = before is null
            ? await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO instances (instance_id, token, started_at, heartbeat_at, beats) VALUES (@Id, @Token, @Now, @Now, 0)
                ON CONFLICT (instance_id) DO NOTHING
                """, args, cancellationToken: ct))
            : await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE instances SET token = @Token, started_at = @Now, heartbeat_at = @Now, beats = 0
                WHERE instance_id = @Id AND token = @Seen
                """, args, cancellationToken: ct));
        if (claimed == 0)
        {
            throw InUse(id); // another process claimed the id while this one looked
        }

        if (await leases.ReleaseLeftByPredecessorAsync(ct) is > 0 and var released)
        {
            logger.TookOverFromPredecessor(id, released);
        }
    }

    private async Task<(string Token, long Beats)?> ReadAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<(string Token, long Beats)?>(new CommandDefinition(
            "SELECT token, beats FROM instances WHERE instance_id = @Id", new { Id = tracker.InstanceId }, cancellationToken: ct));
    }

    private static OptionsValidationException InUse(string id) => new(Options.DefaultName, typeof(PollingOptions),
    [
        $"Polling:InstanceId '{id}' is in use by another instance that is running now (its heartbeat moved while this one " +
        "waited): give every instance its own Polling:InstanceId, or leave it unset.",
    ]);
}
