using System.Diagnostics;
using System.Globalization;
using System.Text;
using Meridian.Perf.Runtime;

namespace Meridian.Perf;

/// <summary>
/// Names the likely allocating types of a body that failed an allocation assertion: runs it again under the runtime's
/// allocation sampling and turns the per-type estimates into bytes per call.
/// </summary>
internal static class AllocationCulprits
{
    /// <summary>About a thousand samples put a type's estimated bytes within a few percent (relative error ≈ 1/√samples).</summary>
    public const int TargetSamples = 1_000;

    /// <summary>Fewer samples than this give no byte estimates (their relative error would exceed ~18 %); the types seen are listed instead.</summary>
    public const int MinSamplesToEstimate = 30;

    private const int MaxTypesNamed = 5;
    private const double MinShareNamed = 0.02;
    private static readonly TimeSpan ChunkTarget = TimeSpan.FromMilliseconds(5);

    /// <summary>Re-runs the body on the current thread (under the caller's pump, for async bodies) and samples its allocations.</summary>
    /// <param name="invoker">The body, already warmed up by the failed measurement.</param>
    /// <param name="bytesPerCall">The measured bytes per call; decides how many calls give <see cref="TargetSamples"/> samples.</param>
    /// <param name="options">The time cap.</param>
    public static Sampling Sample<TInvoker>(ref TInvoker invoker, double bytesPerCall, AllocationOptions options)
        where TInvoker : struct, IBodyInvoker
    {
        // One sample per ~100 KB allocated: a 24 B/call body needs ~4.3 M calls for a thousand samples.
        long targetCalls = (long)Math.Ceiling(TargetSamples * AllocationWeights.BytesPerSample / Math.Max(bytesPerCall, 1));
        RuntimeEventRecorder recorder;
        try
        {
            recorder = RuntimeEventRecorder.Start(RuntimeEvents.AllocationSampling);
        }
        catch (NotSupportedException unavailable)
        {
            return new Sampling(null, 0, TimeSpan.Zero, unavailable.Message);
        }

        long calls = 0;
        long chunk = 1;
        long started = Stopwatch.GetTimestamp();
        TimeSpan elapsed = TimeSpan.Zero;
        Sampling sampling;
        using (recorder)
        {
            // Chunks grow until one takes ~5 ms, so the clock is read rarely and the time cap is overshot by little.
            while (calls < targetCalls && elapsed < options.CulpritSamplingTime)
            {
                long chunkStart = Stopwatch.GetTimestamp();
                long count = Math.Min(chunk, targetCalls - calls);
                for (long i = 0; i < count; i++)
                {
                    invoker.Invoke();
                }

                calls += count;
                elapsed = Stopwatch.GetElapsedTime(started);
                if (Stopwatch.GetElapsedTime(chunkStart) < ChunkTarget)
                {
                    chunk *= 2;
                }
            }

            try
            {
                sampling = new Sampling(recorder.Stop(), calls, elapsed, null) { TargetCalls = targetCalls };
            }
            catch (TimeoutException late)
            {
                sampling = new Sampling(null, calls, elapsed, late.Message) { TargetCalls = targetCalls };
            }
        }

        return sampling with { CallSites = CallSites(invoker, bytesPerCall, options) };
    }

    // A second run with stacks, through the profiling package when the test project references it.
    private static string CallSites<TInvoker>(TInvoker invoker, double bytesPerCall, AllocationOptions options)
        where TInvoker : struct, IBodyInvoker
    {
        if (AllocationCallSites.Sampler is not { } sampler)
        {
            return AllocationCallSites.HowToGetThem;
        }

        return sampler.Describe(
            calls =>
            {
                for (long i = 0; i < calls; i++)
                {
                    invoker.Invoke();
                }
            },
            bytesPerCall,
            options.CulpritSamplingTime);
    }

    /// <summary>The failure message's line about the sampling, e.g. <c>Likely sources (sampled): System.Int32 (boxed) ~24 B/call (...).</c></summary>
    public static string Describe(Sampling sampling, bool measuredRegionsOnly) =>
        sampling.CallSites is { } sites ? DescribeTypes(sampling, measuredRegionsOnly) + Environment.NewLine + sites : DescribeTypes(sampling, measuredRegionsOnly);

    private static string DescribeTypes(Sampling sampling, bool measuredRegionsOnly)
    {
        var text = new StringBuilder();
        if (sampling.Report is not { } report)
        {
            return text.Append("Likely sources: not sampled (").Append(sampling.Problem).Append(").").ToString();
        }

        string calls = sampling.Calls.ToString(CultureInfo.InvariantCulture);
        string ms = sampling.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        string regions = measuredRegionsOnly ? "; the whole body was sampled, including code outside its Allocations.Region blocks" : string.Empty;
        if (report.AllocationSamples < MinSamplesToEstimate)
        {
            return TooFewSamples(text, sampling, report, calls, ms, regions);
        }

        text.Append("Likely sources (sampled): ");
        var named = report.Allocations.Where(static a => a.Share >= MinShareNamed).Take(MaxTypesNamed).ToList();
        if (named.Count == 0)
        {
            named.Add(report.Allocations[0]);
        }

        text.AppendJoin(", ", named.Select(type => $"{Display(type.TypeName)} ~{PerCall(type.EstimatedBytes, sampling.Calls)} B/call"));
        // A stray sample or two (the test framework, the recorder's own end marker) is not worth a mention.
        double others = report.EstimatedAllocatedBytes - named.Sum(static t => t.EstimatedBytes);
        if (others >= MinShareNamed * report.EstimatedAllocatedBytes)
        {
            text.Append(CultureInfo.InvariantCulture, $", other types ~{PerCall(others, sampling.Calls)} B/call");
        }

        string source = report.AllocationSource == AllocationSampleSource.GCAllocationTick
            ? "GCAllocationTick events, biased toward large objects"
            : "AllocationSampled events";
        return text.Append(CultureInfo.InvariantCulture, $" (estimates from {report.AllocationSamples} {source} over {calls} more calls in {ms} ms{regions}).")
            .ToString();
    }

    // A slow body (one that awaits a timer, say) allocates too little per second for the ~100 KB sampler: a couple of
    // samples would give byte estimates off by a factor of two or more, so only what was seen is said, and what would do.
    private static string TooFewSamples(StringBuilder text, Sampling sampling, RuntimeEventReport report, string calls, string ms, string regions)
    {
        int samples = report.AllocationSamples;
        text.Append(CultureInfo.InvariantCulture, $"Likely sources: too few allocation samples to estimate bytes per type ({samples} in {calls} more calls in {ms} ms; the sampler takes about one allocation per 100 KB{regions}).");
        if (report.Allocations.Count > 0)
        {
            text.Append(" Types seen: ")
                .AppendJoin(", ", report.Allocations.Take(MaxTypesNamed).Select(static type => string.Create(CultureInfo.InvariantCulture, $"{Display(type.TypeName)} ({type.Samples} sample{(type.Samples == 1 ? string.Empty : "s")})")))
                .Append('.');
        }

        double perCall = sampling.Elapsed.TotalSeconds / Math.Max(sampling.Calls, 1);
        double needed = Math.Ceiling(perCall * sampling.TargetCalls);
        return text.Append(CultureInfo.InvariantCulture, $" About {TargetSamples} samples name the culprits within a few percent: at this body's pace that takes ~{needed:0} s of CulpritSamplingTime.")
            .ToString();
    }

    /// <summary>Bytes per call as failure messages print them: whole bytes from 10 B, one decimal below.</summary>
    internal static string PerCall(double bytes, long calls)
    {
        double perCall = bytes / Math.Max(calls, 1);
        return perCall >= 10
            ? Math.Round(perCall).ToString("0", CultureInfo.InvariantCulture)
            : perCall.ToString("0.#", CultureInfo.InvariantCulture);
    }

    // A value type's name in an allocation event can only mean a box. The runtime names nested types without their
    // enclosing type, so a lambda's captured variables show up as a bare "<>c__DisplayClass...".
    internal static string Display(string typeName) =>
        typeName.StartsWith("<>c__DisplayClass", StringComparison.Ordinal) ? typeName + " (closure: a lambda's captured variables)"
        : IsValueType(typeName) ? typeName + " (boxed)"
        : typeName;

    private static bool IsValueType(string typeName)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetType(typeName, throwOnError: false) is { } type)
            {
                return type.IsValueType;
            }
        }

        return false;
    }

    /// <summary>What a culprit re-run found.</summary>
    /// <param name="Report">The sampled events, or <see langword="null"/> when sampling was not possible.</param>
    /// <param name="Calls">The calls made while sampling.</param>
    /// <param name="Elapsed">How long they took.</param>
    /// <param name="Problem">Why there is no report, when there is none.</param>
    /// <param name="CallSites">The call-site line (from the profiling package), or how to get one.</param>
    internal readonly record struct Sampling(RuntimeEventReport? Report, long Calls, TimeSpan Elapsed, string? Problem, string? CallSites = null)
    {
        /// <summary>Gets the calls that would have given <see cref="TargetSamples"/> samples.</summary>
        public long TargetCalls { get; init; }
    }
}
