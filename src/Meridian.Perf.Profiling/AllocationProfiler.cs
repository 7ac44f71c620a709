using System.Diagnostics;
using System.Diagnostics.Tracing;
using Meridian.Perf.Runtime;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Finds where a body allocates, from inside the process, through .NET 10's randomized allocation sampling
/// (<c>AllocationSampled</c> events with stacks): call sites with estimated bytes and objects, as a table and as a
/// flamegraph of bytes. The .NET answer to dhat.
/// </summary>
/// <remarks>
/// <para>The runtime samples one allocation per ~100 KiB allocated on average, at random, with the object's type, size
/// and stack. Each sample is weighted by the inverse of its probability, so the estimates are unbiased; their relative
/// error is about 1/√samples per site (≈ 7 % with 200 samples). The body should allocate tens of megabytes.</para>
/// <para>Needs the .NET 10 runtime or later; on older runtimes <see cref="Profile"/> throws
/// <see cref="ProfilingUnavailableException"/>. For exact byte counts without call sites use
/// <c>Meridian.Perf.Allocations</c>.</para>
/// </remarks>
public static class AllocationProfiler
{
    /// <summary>Runs <paramref name="body"/> on the calling thread with allocation sampling and returns its call sites.</summary>
    /// <param name="body">The workload.</param>
    /// <param name="options">Which threads to keep and where to keep the raw trace; defaults when null.</param>
    /// <returns>The allocation profile of the body.</returns>
    /// <exception cref="ProfilingUnavailableException">The runtime is older than .NET 10, or the process cannot profile
    /// itself (e.g. DOTNET_EnableDiagnostics=0), with the reason.</exception>
    public static AllocationProfile Profile(Action body, ProfilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        options ??= ProfilerOptions.Default;
        if (Environment.Version.Major < 10)
        {
            throw new ProfilingUnavailableException(
                $"Cannot take an allocation profile: AllocationSampled events exist from the .NET 10 runtime on, and this process runs .NET {Environment.Version}. " +
                "Run the profile on .NET 10 or later, or count bytes exactly without call sites with Meridian.Perf.Allocations.");
        }

        EventPipeProvider[] providers =
        [
            new(DotNetRuntimeProvider.Name, EventLevel.Informational, DotNetRuntimeProvider.AllocationSamplingKeyword | DotNetRuntimeProvider.LoaderKeyword | DotNetRuntimeProvider.JitKeyword),
        ];

        using var session = InProcessTraceSession.Start(providers, options, "allocation profile");
        var bodyTime = Stopwatch.StartNew();
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        WorkloadFrames.RunBody(body);
        var exactBytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        bodyTime.Stop();
        var log = session.Stop();

        var resolving = Stopwatch.StartNew();
        var stacks = new Dictionary<string, (string[] Frames, double Bytes, double Objects)>(StringComparer.Ordinal);
        var sites = new Dictionary<(string Type, string Method), SiteTotals>();
        var frames = new List<string>();
        var samples = 0;
        foreach (var traceEvent in log.Events)
        {
            if (traceEvent is not AllocationSampledTraceData allocation)
            {
                continue;
            }

            var kind = TraceStacks.Classify(allocation.CallStack(), frames);
            var keep = kind == StackKind.Workload || (kind == StackKind.OtherThread && options.Threads == ProfiledThreads.AllThreads);
            if (!keep)
            {
                continue;
            }

            if (frames.Count == 0)
            {
                frames.Add("[body]");
            }

            samples++;
            var (bytes, objects) = AllocationWeights.ForSampled(allocation.ObjectSize);
            var method = frames[^1];
            var typeName = allocation.TypeName;
            frames.Add("new " + typeName);

            var key = string.Join(";", frames);
            var stack = stacks.TryGetValue(key, out var existing) ? (existing.Frames, existing.Bytes + bytes, existing.Objects + objects) : ([.. frames], bytes, objects);
            stacks[key] = stack;

            var site = sites.TryGetValue((typeName, method), out var totals) ? totals : sites[(typeName, method)] = new SiteTotals();
            site.Add(bytes, objects, stack.Item1, stack.Item2);
        }

        var eventCount = log.EventCount;
        resolving.Stop();

        var statistics = new ProfilingSessionStatistics(session.StartTime, session.RecordedTime, session.StopTime, resolving.Elapsed + session.ConvertTime, session.TraceBytes, eventCount);
        var ordered = stacks.Values.OrderByDescending(stack => stack.Bytes).ToArray();
        var profileStacks = ordered.Select(stack => new StackSample(stack.Frames, stack.Bytes)).ToArray();
        var profileSites = sites
            .Select(pair => new AllocationSite(pair.Key.Type, pair.Key.Method, pair.Value.Bytes, pair.Value.Objects, pair.Value.Samples, pair.Value.HeaviestStack ?? []))
            .OrderByDescending(site => site.EstimatedBytes)
            .ToArray();
        return new AllocationProfile(
            profileStacks,
            ordered.Select(stack => stack.Objects).ToArray(),
            profileSites,
            samples,
            options.Threads == ProfiledThreads.Workload ? exactBytes : null,
            bodyTime.Elapsed,
            options.Threads,
            statistics);
    }

    private sealed class SiteTotals
    {
        private double _heaviestStackBytes = -1;

        public double Bytes { get; private set; }

        public double Objects { get; private set; }

        public int Samples { get; private set; }

        public IReadOnlyList<string>? HeaviestStack { get; private set; }

        public void Add(double bytes, double objects, string[] stack, double stackBytes)
        {
            Bytes += bytes;
            Objects += objects;
            Samples++;
            if (stackBytes > _heaviestStackBytes)
            {
                _heaviestStackBytes = stackBytes;
                HeaviestStack = stack;
            }
        }
    }
}
