using System.Diagnostics;
using System.Diagnostics.Tracing;
using Meridian.Perf.Runtime;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.EventPipe;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Samples where a body spends its time, from inside the process, and returns a <see cref="CpuProfile"/> ready to print
/// or write as a flamegraph. On Linux x64 the workload thread is sampled with <c>perf_event_open</c> (what
/// <c>perf record -e cpu-clock</c> does), elsewhere with the runtime's EventPipe sample profiler (what
/// <c>dotnet-trace --profile cpu-sampling</c> records); <see cref="CpuProfile.Sampler"/> says which one ran.
/// </summary>
/// <remarks>
/// <para>The <c>perf_event_open</c> sampler interrupts the thread every <see cref="ProfilerOptions.SamplingInterval"/> of its
/// CPU time wherever it is, so every instruction is charged to its own method, short leaf functions and loops without
/// calls included; jitted methods are named from the runtime's perf map, precompiled (ReadyToRun) code that was never
/// re-jitted by its image (e.g. <c>[System.Private.CoreLib.dll: precompiled code]</c>), native code by its library.
/// The EventPipe sampler stops every managed thread about once a millisecond at a safe point: time in code between safe
/// points lands on the next one, and frames the runtime adds to stop the thread (<c>Thread.PollGC</c>) are charged to
/// the frame that was running.</para>
/// <para>The body should run for at least a few hundred milliseconds: a profile needs hundreds of samples before its
/// shares mean something. Profiles of different threads may run at the same time: each <c>perf_event_open</c>
/// profile samples only its own thread; EventPipe sessions (EventPipe CPU profiles and allocation profiles) take turns,
/// a second one waits until the first has finished.</para>
/// </remarks>
public static class CpuProfiler
{
    /// <summary>Runs <paramref name="body"/> on the calling thread under the sampler and returns its profile.</summary>
    /// <param name="body">The workload.</param>
    /// <param name="options">Which threads to keep, which sampler, where to keep the raw trace; defaults when null.</param>
    /// <returns>The profile of the body.</returns>
    /// <exception cref="ProfilingUnavailableException">The process cannot profile itself (e.g. DOTNET_EnableDiagnostics=0),
    /// or the sampler asked for is not available here, with the reason.</exception>
    public static CpuProfile Profile(Action body, ProfilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        options ??= ProfilerOptions.Default;
        string? fallback = null;
        if (options.Sampler != CpuSampler.EventPipe)
        {
            if (options.Threads != ProfiledThreads.Workload)
            {
                if (options.Sampler == CpuSampler.PerfEvent)
                {
                    throw new ProfilingUnavailableException("Cannot take a CPU profile with CpuSampler.PerfEvent of all threads: the perf_event_open sampler samples the workload thread only. Use ProfiledThreads.Workload, or CpuSampler.EventPipe for all threads.");
                }

                fallback = "all threads were asked for (the perf_event_open sampler samples the workload thread only)";
            }
            else if (PerfEventProfiler.TryProfile(body, options, out var problem) is { } profile)
            {
                return profile;
            }
            else if (options.Sampler == CpuSampler.PerfEvent)
            {
                throw new ProfilingUnavailableException($"Cannot take a CPU profile with CpuSampler.PerfEvent: {problem}. Use CpuSampler.Automatic to fall back to the EventPipe sampler.");
            }
            else
            {
                fallback = problem;
            }
        }

        return Record(body, options, includeCallingThread: true, fallback);
    }

    /// <summary>Samples every thread of the process for <paramref name="duration"/> while the calling thread waits, with the
    /// EventPipe sampler.</summary>
    /// <param name="duration">How long to sample.</param>
    /// <param name="options">Where to keep the raw trace; the thread and sampler settings are ignored (all threads are
    /// kept, by the EventPipe sampler).</param>
    /// <returns>The profile of the other threads' managed code.</returns>
    /// <exception cref="ProfilingUnavailableException">The process cannot profile itself, with the reason.</exception>
    public static CpuProfile ProfileFor(TimeSpan duration, ProfilerOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var settings = (options ?? ProfilerOptions.Default) with { Threads = ProfiledThreads.AllThreads, Sampler = CpuSampler.EventPipe };
        return Record(() => Thread.Sleep(duration), settings, includeCallingThread: false, samplerNote: null);
    }

    private static CpuProfile Record(Action body, ProfilerOptions options, bool includeCallingThread, string? samplerNote)
    {
        EventPipeProvider[] providers =
        [
            new(DotNetRuntimeProvider.SampleProfilerName, EventLevel.Informational),

            // Loader and JIT events name the methods compiled while the session runs; the rundown at the end names the rest.
            new(DotNetRuntimeProvider.Name, EventLevel.Verbose, DotNetRuntimeProvider.LoaderKeyword | DotNetRuntimeProvider.JitKeyword | DotNetRuntimeProvider.NGenKeyword),
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
        return new CpuProfile(profileStacks, samples, outsideManaged, threads.Count, bodyTime.Elapsed, options.Threads, statistics, CpuSampler.EventPipe, samplerNote);
    }
}
