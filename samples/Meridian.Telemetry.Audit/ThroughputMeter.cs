using System.Diagnostics;
using Meridian.Perf;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Phase 1's one way to time a target: <see cref="Bench.Run(Action, BenchOptions?)"/> (warm-up until the JIT is quiet,
/// then batches of about 2 ms, each one sample); then, as a cross-check that the load does not move, the same body run
/// for another <see cref="CrossCheckBatches"/> batches with the thread's CPU time read around them.
/// </summary>
internal static class ThroughputMeter
{
    private const int CrossCheckBatches = 25;

    public static Throughput Measure(string target, Action body, int framesPerCall, BenchOptions options)
    {
        var result = Bench.Run(body, options);
        if (!ThreadCpuClock.IsSupported)
        {
            return new Throughput(target, result, framesPerCall, null, null);
        }

        long calls = result.OperationsPerBatch * CrossCheckBatches;
        long cpuStart = ThreadCpuClock.Nanoseconds();
        long wallStart = Stopwatch.GetTimestamp();
        for (long i = 0; i < calls; i++)
        {
            body();
        }

        double wall = Stopwatch.GetElapsedTime(wallStart).TotalNanoseconds;
        double cpu = ThreadCpuClock.Nanoseconds() - cpuStart;
        return new Throughput(target, result, framesPerCall, Math.Min(1, cpu / wall), calls * (double)framesPerCall * 1e9 / cpu);
    }
}
