using System.Diagnostics;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.EventPipe;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Samples where a body spends its time, from inside the process, through the runtime's EventPipe sample profiler
/// (what <c>dotnet-trace --profile cpu-sampling</c> records), and returns a <see cref="CpuProfile"/> ready to print or
/// write as a flamegraph.
/// </summary>
/// <remarks>
/// <para>The sampler stops every managed thread about once a millisecond and records its managed stack. Threads are sampled
/// whether they run or wait: a sample of the workload thread outside managed code (blocked, sleeping, in native code) is
/// kept and counted in <see cref="CpuProfile.OutsideManagedSamples"/>. Samples are taken at safe points, so time in a
/// loop without calls can land on <c>Thread.PollGC</c> with the loop's own frame missing.</para>
/// <para>The body should run for at least a few hundred milliseconds: a profile needs hundreds of samples before its
/// shares mean something. Starting a session takes tens of milliseconds, stopping and resolving a few hundred; the
/// workload runs a little slower while sampled (see <see cref="CpuProfile.Session"/>).</para>
/// </remarks>
public static class CpuProfiler
{
    private const string SampleProfilerProvider = "Microsoft-DotNETCore-SampleProfiler";
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";

    /// <summary>Runs <paramref name="body"/> on the calling thread under the sampler and returns its profile.</summary>
    /// <param name="body">The workload.</param>
    /// <param name="options">Which threads to keep and where to keep the raw trace; defaults when null.</param>
    /// <returns>The profile of the body.</returns>
    /// <exception cref="ProfilingUnavailableException">The process cannot profile itself (e.g. DOTNET_EnableDiagnostics=0), with the reason.</exception>
    public static CpuProfile Profile(Action body, ProfilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Record(body, options ?? new ProfilerOptions(), includeCallingThread: true);
    }

    /// <summary>Samples every thread of the process for <paramref name="duration"/> while the calling thread waits.</summary>
    /// <param name="duration">How long to sample.</param>
    /// <param name="options">Where to keep the raw trace; the thread setting is ignored (all threads are kept).</param>
    /// <returns>The profile of the other threads' managed code.</returns>
    /// <exception cref="ProfilingUnavailableException">The process cannot profile itself, with the reason.</exception>
    public static CpuProfile ProfileFor(TimeSpan duration, ProfilerOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var settings = new ProfilerOptions
        {
            Threads = ProfiledThreads.AllThreads,
            KeepTraceAt = options?.KeepTraceAt,
            BufferMegabytes = options?.BufferMegabytes ?? 256,
        };
        return Record(() => Thread.Sleep(duration), settings, includeCallingThread: false);
    }

    private static CpuProfile Record(Action body, ProfilerOptions options, bool includeCallingThread)
    {
        EventPipeProvider[] providers =
        [
            new(SampleProfilerProvider, EventLevel.Informational),

            // Loader and JIT events name the methods compiled while the session runs; the rundown at the end names the rest.
            new(RuntimeProvider, EventLevel.Verbose, (long)(ClrTraceEventParser.Keywords.Loader | ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.NGen)),
        ];

        using var session = InProcessTraceSession.Start(providers, options, "CPU profile");
        var bodyTime = Stopwatch.StartNew();
        WorkloadFrames.RunBody(body);
        bodyTime.Stop();
        var log = session.Stop();

        var resolving = Stopwatch.StartNew();
        var stacks = new Dictionary<string, (string[] Frames, int Count)>(StringComparer.Ordinal);
        var frames = new List<string>();
        var samples = 0;
        var outsideManaged = 0;
        var threads = new HashSet<int>();
        foreach (var traceEvent in log.Events)
        {
            if (traceEvent is not ClrThreadSampleTraceData sample)
            {
                continue;
            }

            var kind = TraceStacks.Classify(sample.CallStack(), frames);
            var managed = sample.Type == ClrThreadSampleType.Managed;
            var keep = kind switch
            {
                StackKind.Workload => includeCallingThread,
                StackKind.OtherThread => options.Threads == ProfiledThreads.AllThreads && managed,
                _ => false,
            };
            if (!keep)
            {
                continue;
            }

            if (frames.Count == 0)
            {
                // A sample in the body's own delegate call before its first frame: attribute it to the body.
                frames.Add("[body]");
            }

            samples++;
            threads.Add(sample.ThreadID);
            if (kind == StackKind.Workload && !managed)
            {
                outsideManaged++;
            }

            var key = string.Join(";", frames);
            stacks[key] = stacks.TryGetValue(key, out var existing) ? (existing.Frames, existing.Count + 1) : ([.. frames], 1);
        }

        var eventCount = log.EventCount;
        resolving.Stop();

        var statistics = new ProfilingSessionStatistics(session.StartTime, session.RecordedTime, session.StopTime, resolving.Elapsed + session.ConvertTime, session.TraceBytes, eventCount);
        var profileStacks = stacks.Values
            .OrderByDescending(stack => stack.Count)
            .Select(stack => new StackSample(stack.Frames, stack.Count))
            .ToArray();
        return new CpuProfile(profileStacks, samples, outsideManaged, threads.Count, bodyTime.Elapsed, options.Threads, statistics);
    }
}
