using System.Diagnostics;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace Meridian.Perf.Profiling;

/// <summary>
/// An EventPipe session of this process on itself: connects to the runtime's own diagnostic port, drains the event
/// stream to a temporary .nettrace file on a background task while the body runs (a session whose stream is not read
/// stalls once its buffer fills), stops with rundown so that every managed frame can be named, and opens the trace
/// with TraceEvent's <see cref="TraceLog"/>, which resolves the stacks.
/// </summary>
/// <remarks>Sessions of one process take turns: a second session waits until the first is disposed. The runtime's sample
/// profiler and allocation sampling are process-wide, and a profile tells its body's stacks from other threads' by the
/// <see cref="WorkloadFrames.RunBody"/> frame, which would be on both bodies' stacks if two ran at once.</remarks>
internal sealed class InProcessTraceSession : IDisposable
{
    private static readonly SemaphoreSlim s_oneSessionAtATime = new(1, 1);

    private readonly EventPipeSession _session;
    private readonly FileStream _file;
    private readonly Task _drain;
    private readonly string _tracePath;
    private readonly string? _keepTraceAt;
    private readonly TimeSpan _startTime;
    private readonly long _recordingStarted;
    private int _released;
    private bool _handedOver;
    private string? _etlxPath;
    private TraceLog? _log;

    private InProcessTraceSession(EventPipeSession session, FileStream file, string tracePath, string? keepTraceAt, TimeSpan startTime)
    {
        _session = session;
        _file = file;
        _tracePath = tracePath;
        _keepTraceAt = keepTraceAt;
        _startTime = startTime;
        _drain = Task.Factory.StartNew(
            static state =>
            {
                var self = (InProcessTraceSession)state!;
                WorkloadFrames.DrainTrace(self._session.EventStream, self._file);
            },
            this,
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        _recordingStarted = Stopwatch.GetTimestamp();
    }

    public TimeSpan RecordedTime { get; private set; }

    public TimeSpan StopTime { get; private set; }

    public TimeSpan ConvertTime { get; private set; }

    public long TraceBytes { get; private set; }

    public static InProcessTraceSession Start(IReadOnlyList<EventPipeProvider> providers, ProfilerOptions options, string purpose)
    {
        if (OperatingSystem.IsBrowser() || OperatingSystem.IsWasi())
        {
            throw new ProfilingUnavailableException(
                $"Cannot take a {purpose}: WebAssembly runtimes have no EventPipe diagnostic server. Profile the code in a desktop or server process instead.");
        }

        s_oneSessionAtATime.Wait();
        var started = Stopwatch.GetTimestamp();
        EventPipeSession session;
        try
        {
            var client = new DiagnosticsClient(Environment.ProcessId);
            session = client.StartEventPipeSession(providers, requestRundown: true, circularBufferMB: options.BufferMegabytes);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            s_oneSessionAtATime.Release();
            throw new ProfilingUnavailableException(DiagnosticsAvailability.Explain(purpose, error), error);
        }

        var tracePath = Path.Combine(Path.GetTempPath(), $"meridian-profile-{Environment.ProcessId}-{Guid.NewGuid():N}.nettrace");
        FileStream file;
        try
        {
            file = new FileStream(tracePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch
        {
            session.Dispose();
            s_oneSessionAtATime.Release();
            throw;
        }

        return new InProcessTraceSession(session, file, tracePath, options.KeepTraceAt, Stopwatch.GetElapsedTime(started));
    }

    public TimeSpan StartTime => _startTime;

    /// <summary>Stops the session, waits for the stream (including the rundown) to be drained, and returns the trace file,
    /// which the caller reads and deletes (it is no longer deleted on disposal).</summary>
    public string StopWithoutConverting()
    {
        _session.Stop();
        _drain.GetAwaiter().GetResult();
        _file.Dispose();
        _handedOver = true;
        return _tracePath;
    }

    /// <summary>Stops the session, waits for the stream (including the rundown) to be drained, and opens the trace.</summary>
    public TraceLog Stop()
    {
        RecordedTime = Stopwatch.GetElapsedTime(_recordingStarted);
        var stopping = Stopwatch.GetTimestamp();
        _session.Stop();
        _drain.GetAwaiter().GetResult();
        _file.Dispose();
        StopTime = Stopwatch.GetElapsedTime(stopping);
        TraceBytes = new FileInfo(_tracePath).Length;

        if (_keepTraceAt is not null)
        {
            File.Copy(_tracePath, _keepTraceAt, overwrite: true);
        }

        var converting = Stopwatch.GetTimestamp();
        _etlxPath = Path.ChangeExtension(_tracePath, ".etlx");
        TraceLog.CreateFromEventPipeDataFile(_tracePath, _etlxPath);
        _log = new TraceLog(_etlxPath);
        ConvertTime = Stopwatch.GetElapsedTime(converting);
        return _log;
    }

    public void Dispose()
    {
        _log?.Dispose();
        _session.Dispose();
        _file.Dispose();
        if (!_handedOver)
        {
            TryDelete(_tracePath);
        }
        if (_etlxPath is not null)
        {
            TryDelete(_etlxPath);
        }

        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            s_oneSessionAtATime.Release();
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A temporary file another process holds open is left for the OS to clean; the profile is already built.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
