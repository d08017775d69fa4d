namespace MlConnector.Security;

/// <summary>What a data-key rotation is doing, for the progress it reports.</summary>
public abstract record RotationProgress
{
    /// <summary>Values of a column re-encrypted so far in this pass.</summary>
    public sealed record Rewriting(SealedColumn Column, long Done) : RotationProgress;

    /// <summary>Waiting <paramref name="For"/> for running instances still writing under an older key id.</summary>
    public sealed record Waiting(IReadOnlyList<KeyHolder> Lagging, TimeSpan For) : RotationProgress;

    /// <summary>Values still under older ids after a pass; another pass follows after <paramref name="For"/>.</summary>
    public sealed record Settling(long Remaining, TimeSpan For) : RotationProgress;
}

/// <summary>What a data-key rotation did. Done only when no value remains under an older key id and no running
/// instance still writes under one.</summary>
public sealed record RotationReport(int KeyId, long Rewritten, long Remaining, long Unreadable, IReadOnlyList<KeyHolder> Lagging)
{
    public bool Done => Remaining == 0 && Lagging.Count == 0;
}

/// <summary>
/// Data-key rotation: a new random data key under a new key id, then every sealed value re-encrypted under it while the
/// service runs. The first pass re-encrypts what is there; then the rotation waits until every running instance says it
/// writes under the new id (they take it up within <see cref="KeyIdRefresher.Interval"/>), up to
/// <see cref="SwitchTimeout"/>; then final passes catch what they wrote under the old id before switching, and a count
/// says what remains. Older key ids stay held, so a value not yet re-encrypted stays readable.
/// </summary>
internal sealed class KeyRotation(DataKeys dataKeys, FieldProtector protector, KeyHolders holders, SealedColumnRewriter rewriter,
    IEnumerable<SealedColumn> sealedColumns, TimeProvider time)
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan SwitchTimeout = KeyIdRefresher.Interval * 2 + TimeSpan.FromSeconds(15);

    /// <summary>Time for writes an instance began under the old id just before it switched to commit.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public const int FinalPasses = 3;

    /// <summary>Every sealed column, as the features that own them declared them (<see cref="SealedColumns.AddSealedColumn"/>).</summary>
    public IReadOnlyList<SealedColumn> Columns { get; } = [.. sealedColumns];

    public async Task<RotationReport> RotateAsync(IProgress<RotationProgress>? progress, CancellationToken ct)
    {
        var (keyId, key) = await dataKeys.AddAsync(ct);
        protector.AddKey(keyId, key);
        protector.Activate(keyId);
        await holders.TouchAsync(keyId, ct);

        var rewritten = (await PassAsync(keyId, progress, ct)).Rewritten;
        var lagging = await WaitForInstancesAsync(keyId, progress, ct);
        if (await holders.AnyOtherAliveAsync(ct))
        {
            await DelayAsync(Settle, new RotationProgress.Settling(await CountAsync(keyId, ct), Settle), progress, ct);
        }

        for (var pass = 1; ; pass++)
        {
            var result = await PassAsync(keyId, progress, ct);
            rewritten += result.Rewritten;
            var remaining = await CountAsync(keyId, ct);
            if (remaining == 0 || remaining == result.Unreadable || pass == FinalPasses)
            {
                lagging = lagging.Count == 0 ? lagging : await holders.LaggingAsync(keyId, ct);
                return new RotationReport(keyId, rewritten, remaining, result.Unreadable, lagging);
            }

            await DelayAsync(Settle, new RotationProgress.Settling(remaining, Settle), progress, ct);
        }
    }

    private async Task<IReadOnlyList<KeyHolder>> WaitForInstancesAsync(int keyId, IProgress<RotationProgress>? progress, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + SwitchTimeout;
        while (true)
        {
            var lagging = await holders.LaggingAsync(keyId, ct);
            if (lagging.Count == 0 || time.GetUtcNow() >= deadline)
            {
                return lagging;
            }

            await DelayAsync(CheckEvery, new RotationProgress.Waiting(lagging, CheckEvery), progress, ct);
        }
    }

    /// <summary>Waits on the clock; the wait is set before it is reported, so whoever reads the report (a test moving a
    /// fake clock) can end it.</summary>
    private async Task DelayAsync(TimeSpan wait, RotationProgress report, IProgress<RotationProgress>? progress, CancellationToken ct)
    {
        var delay = Task.Delay(wait, time, ct);
        progress?.Report(report);
        await delay;
    }

    private async Task<PassResult> PassAsync(int keyId, IProgress<RotationProgress>? progress, CancellationToken ct)
    {
        long rewritten = 0, unreadable = 0;
        foreach (var column in Columns)
        {
            var columnProgress = progress is null ? null : new SyncProgress(done => progress.Report(new RotationProgress.Rewriting(column, done)));
            var result = await rewriter.RewriteAsync(column, keyId, columnProgress, ct);
            rewritten += result.Rewritten;
            unreadable += result.Unreadable;
        }

        return new PassResult(rewritten, unreadable);
    }

    private async Task<long> CountAsync(int keyId, CancellationToken ct)
    {
        long remaining = 0;
        foreach (var column in Columns)
        {
            remaining += await rewriter.CountNotUnderAsync(column, keyId, ct);
        }

        return remaining;
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
