using System.Diagnostics;
using Meridian.Perf;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Phase 1's one way to time a target: <see cref="Bench.Run(Action, BenchOptions?)"/> (warm-up until the JIT is quiet,
/// then batches of about 2 ms, each one sample), with the thread's CPU time and the body's calls counted around the
/// whole run, to tell how much of the wall-clock time the thread actually had a core and what rate its CPU time gives.
/// </summary>
internal static class ThroughputMeter
{
    public static Throughput Measure(string target, Action body, int framesPerCall, BenchOptions options)
    {
        long calls = 0;
        void Counted()
        {
            calls++;
            body();
        }

        long cpuStart = ThreadCpuClock.IsSupported ? ThreadCpuClock.Nanoseconds() : 0;
        long wallStart = Stopwatch.GetTimestamp();
        var result = Bench.Run(Counted, options);
        double wall = Stopwatch.GetElapsedTime(wallStart).TotalNanoseconds;
        double? share = null;
        double? cpuRate = null;
        if (ThreadCpuClock.IsSupported)
        {
            double cpu = ThreadCpuClock.Nanoseconds() - cpuStart;
            share = Math.Min(1, cpu / wall);
            cpuRate = calls * (double)framesPerCall * 1e9 / cpu;
        }

        return new Throughput(target, result, framesPerCall, share, cpuRate);
    }
}
