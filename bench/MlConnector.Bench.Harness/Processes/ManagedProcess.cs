using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MlConnector.Bench.Harness.Processes;

/// <summary>
/// A program the comparison starts: its output goes to a log file and is kept in memory so phases can wait for a
/// line; it is stopped by its own process id (SIGTERM, then a kill after a grace period), never by name.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Lock _logLock = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private ManagedProcess(string name, Process process, StreamWriter log, DateTimeOffset startedAt)
    {
        Name = name;
        _process = process;
        _log = log;
        StartedAt = startedAt;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public DateTimeOffset StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public IEnumerable<string> Lines => _lines;

    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(name, process, log, TimeProvider.System.GetUtcNow());
        process.OutputDataReceived += (_, e) => managed.Received(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Received(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name}: could not start {fileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>Waits for an output line matching <paramref name="pattern"/> (lines already seen count).</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (_lines.Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success) is { } match)
            {
                return match;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited with code {_process.ExitCode} before printing /{pattern}/. Last lines:\n  {Tail(15)}");
            }

            try
            {
                await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(500), deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} did not print /{pattern}/ within {timeout}. Last lines:\n  {Tail(15)}");
            }
        }
    }

    public string Tail(int count) => string.Join("\n  ", _lines.TakeLast(count));

    /// <summary>SIGTERM (a graceful stop for both .NET and Node.js), then a kill of this process if it lingers.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        await SignalTerminateAsync(_process.Id);
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>SIGKILL: the process ends at once, without any of its shutdown code (the crash test's crash).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        lock (_logLock)
        {
            _log.Dispose();
        }

        _lineArrived.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        lock (_logLock)
        {
            _log.WriteLine(line);
        }

        _lineArrived.Release();
    }

    /// <summary><c>kill -TERM PID</c>: .NET can only SIGKILL another process, which skips a graceful shutdown.</summary>
    private static async Task SignalTerminateAsync(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        });
        if (kill is not null)
        {
            await kill.WaitForExitAsync();
        }
    }
}
