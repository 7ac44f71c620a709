using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;
using Meridian.Perf.Runtime;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Core's plug-in for allocation call sites in failure messages (found by name when a test project references this
/// package): runs the failing body again under allocation sampling with stacks, and names the allocating call sites as
/// type, method and <c>file:line</c> from the portable PDB of the first frame in the user's code.
/// </summary>
/// <remarks>Costs, on failure only: up to <c>AllocationOptions.CulpritSamplingTime</c> of calls (default 1 s), plus an
/// EventPipe session's start, stop and resolution (a few hundred milliseconds, more the first time in a process).</remarks>
internal sealed class AllocationCallSiteSampler : IAllocationCallSiteSampler
{
    // ~200 samples put the top sites' estimates within ~10 %; more would only cost time on a failure path.
    private const int TargetSamples = 200;
    private const int MaxSitesNamed = 3;
    private const double MinShareNamed = 0.05;
    private static readonly TimeSpan ChunkTarget = TimeSpan.FromMilliseconds(5);

    // Assemblies whose frames are never the user's call site: the runtime's and the test machinery's.
    private static readonly string[] s_libraryPrefixes = ["System.", "Microsoft.", "netstandard", "mscorlib", "xunit.", "nunit.", "NUnit3.", "testhost"];
    private static readonly string[] s_meridianLibraries = ["Meridian.Perf.dll", "Meridian.Perf.Profiling.dll", "Meridian.Perf.Xunit.dll", "Meridian.Perf.Xunit.V3.dll", "Meridian.Perf.NUnit.dll"];

    public string Describe(Action<long> runCalls, double bytesPerCall, TimeSpan timeCap)
    {
        var started = Stopwatch.GetTimestamp();
        EventPipeProvider[] providers =
        [
            new(DotNetRuntimeProvider.Name, EventLevel.Informational, DotNetRuntimeProvider.AllocationSamplingKeyword | DotNetRuntimeProvider.LoaderKeyword | DotNetRuntimeProvider.JitKeyword | DotNetRuntimeProvider.JittedMethodILToNativeMapKeyword),
        ];

        long calls = 0;
        var sites = new Dictionary<(string Type, string Site), double>();
        try
        {
            using var session = InProcessTraceSession.Start(providers, ProfilerOptions.Default, "allocation call-site sample");
            var targetCalls = (long)Math.Ceiling(TargetSamples * AllocationWeights.BytesPerSample / Math.Max(bytesPerCall, 1));
            WorkloadFrames.RunBody(() => calls = RunChunked(runCalls, targetCalls, timeCap));
            var log = session.Stop();
            using var lines = new PortablePdbLines();
            foreach (var traceEvent in log.Events)
            {
                if (traceEvent is AllocationSampledTraceData allocation && Site(allocation.CallStack(), lines) is { } site)
                {
                    var key = (allocation.TypeName, site);
                    sites[key] = sites.GetValueOrDefault(key) + AllocationWeights.ForSampled(allocation.ObjectSize).Bytes;
                }
            }
        }
        catch (ProfilingUnavailableException unavailable)
        {
            return $"Call sites: not sampled ({unavailable.Message}).";
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        var total = sites.Values.Sum();
        if (total <= 0)
        {
            return $"Call sites: none caught with stacks in {calls} more calls ({elapsed} ms).";
        }

        var named = sites.OrderByDescending(pair => pair.Value).Where(pair => pair.Value >= MinShareNamed * total).Take(MaxSitesNamed).ToList();
        var text = new StringBuilder("Call sites (sampled with stacks): ");
        text.AppendJoin(", ", named.Select(pair => $"{AllocationCulprits.Display(pair.Key.Type)} ~{AllocationCulprits.PerCall(pair.Value, calls)} B/call at {pair.Key.Site}"));
        return text.Append(CultureInfo.InvariantCulture, $" ({calls} more calls, {elapsed} ms including the trace session).").ToString();
    }

    private static long RunChunked(Action<long> runCalls, long targetCalls, TimeSpan timeCap)
    {
        long calls = 0;
        long chunk = 1;
        var started = Stopwatch.GetTimestamp();
        while (calls < targetCalls && Stopwatch.GetElapsedTime(started) < timeCap)
        {
            var chunkStart = Stopwatch.GetTimestamp();
            var count = Math.Min(chunk, targetCalls - calls);
            runCalls(count);
            calls += count;
            if (Stopwatch.GetElapsedTime(chunkStart) < ChunkTarget)
            {
                chunk *= 2;
            }
        }

        return calls;
    }

    // The first frame from the allocation up whose assembly is the user's: "Type.Method (File.cs:42)", with the
    // library method it called ("via String.Concat") when the allocation happened inside a library.
    private static string? Site(TraceCallStack? leaf, PortablePdbLines lines)
    {
        string? via = null;
        for (var frame = leaf; frame is not null; frame = frame.Caller)
        {
            var address = frame.CodeAddress;
            var name = address.FullMethodName;
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            if (name.StartsWith(WorkloadFrames.BodyMarker, StringComparison.Ordinal))
            {
                return null;
            }

            var assembly = address.ModuleFile?.FilePath;
            var file = assembly is null ? string.Empty : Path.GetFileName(assembly);
            if (assembly is null || IsLibrary(file))
            {
                via ??= FrameLabel.Short(name);
                continue;
            }

            var method = FrameLabel.Short(name);
            var line = address.Method is { } traceMethod ? lines.Find(assembly, traceMethod.MethodToken, address.ILOffset) : null;
            var where = line is { } found ? string.Create(CultureInfo.InvariantCulture, $"{method} ({found.File}:{found.Line})") : method;
            return via is null ? where : $"{where} via {via}";
        }

        return null;
    }

    private static bool IsLibrary(string file) =>
        s_meridianLibraries.Contains(file, StringComparer.OrdinalIgnoreCase)
        || s_libraryPrefixes.Any(prefix => file.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
