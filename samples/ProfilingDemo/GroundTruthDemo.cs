using System.Globalization;
using System.Runtime.CompilerServices;
using Meridian.Perf.Profiling;

namespace ProfilingDemo;

/// <summary>
/// <c>dotnet ProfilingDemo.dll ground-truth [seconds] [perf-event|event-pipe|none]</c>: runs <see cref="GroundTruthWorkload"/>
/// under the chosen sampler (none: unprofiled, for <c>perf record</c>, see perf-compare.sh) and prints every method's
/// share of the thread's CPU time as timed and as profiled.
/// </summary>
public static class GroundTruthDemo
{
    public static int Run(string[] args)
    {
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var sampler = args.Length > 2 ? args[2] : "perf-event";
        var iterations = GroundTruthWorkload.Calibrate();
        GroundTruthWorkload.Run(iterations, TimeSpan.FromSeconds(1)); // tier-up and a steady state before measuring

        (long[] PerMethod, long Total) timed = ([], 0);
        CpuProfile? profile = null;
        var duration = TimeSpan.FromSeconds(seconds);
        if (sampler == "none")
        {
            timed = RunMeasured(iterations, duration);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Process id {Environment.ProcessId} (its perf map: /tmp/perf-{Environment.ProcessId}.map)"));
        }
        else
        {
            var options = new ProfilerOptions
            {
                Sampler = sampler == "event-pipe" ? CpuSampler.EventPipe : CpuSampler.PerfEvent,
                SamplingInterval = TimeSpan.FromMicroseconds(250),
            };
            profile = CpuProfiler.Profile(() => timed = RunMeasured(iterations, duration), options);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ground truth, {seconds:0.#} s of thread CPU time, sampler {sampler}:"));
        Console.WriteLine("  method           timed    profiled (inclusive)");
        for (var i = 0; i < GroundTruthWorkload.Methods.Length; i++)
        {
            var name = GroundTruthWorkload.Methods[i];
            var truth = (double)timed.PerMethod[i] / timed.Total;
            var measured = profile?.InclusiveShareOf($"GroundTruthWorkload.{name}(");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-14} {truth * 100,6:0.0} %  {(measured is { } m ? $"{m * 100,6:0.0} %" : "   n/a")}"));
        }

        var leafTruth = 1 - ((double)timed.PerMethod[4] / timed.PerMethod[3]);
        var leafProfiled = profile is null ? double.NaN : profile.InclusiveShareOf("GroundTruthWorkload.Hash(") / profile.InclusiveShareOf("GroundTruthWorkload.LeafLoop(");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Hash's share of LeafLoop: timed {leafTruth * 100:0.0} % (leaf loop minus no-op loop), profiled {leafProfiled * 100:0.0} %"));
        if (profile is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  runtime-internal samples (CpuProfile.RuntimeInternalShare): {profile.RuntimeInternalShare * 100:0.0} %"));
            Console.WriteLine(profile);
        }

        return 0;
    }

    // The measured run under its own frame, so that perf-compare.sh can tell it from calibration and warm-up.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (long[] PerMethod, long Total) RunMeasured(int[] iterations, TimeSpan duration) =>
        GroundTruthWorkload.Run(iterations, duration);
}
