using System.Diagnostics;
using System.Runtime;
using Meridian.Perf;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// Stopwatch timing with <see cref="BlackBox.Consume{T}(T)"/> on every result: warm up until the JIT has been quiet for
/// 200 ms (so tier-up is done, not half-way), calibrate the calls per sample, then time <c>samples</c> samples.
/// </summary>
internal sealed class StopwatchThroughputMeter(int samples, TimeSpan sampleTime) : IThroughputMeter
{
    private static readonly TimeSpan QuietJit = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(2);

    public string Method =>
        (ThreadCpuClock.IsSupported
            ? "Frames per second of the measuring thread's CPU time (clock_gettime(CLOCK_THREAD_CPUTIME_ID)), so that time the thread spent preempted by other processes on this shared machine is not counted; wall-clock rates are reported beside them. "
            : "Frames per second of wall-clock time. ") +
        $"Stopwatch over calibrated samples of ~{sampleTime.TotalMilliseconds:0} ms, {samples} samples after warming up until no method was JIT-compiled for {QuietJit.TotalMilliseconds:0} ms (at most {MaxWarmup.TotalSeconds:0} s); every result passed to BlackBox.Consume; median with min–max. No confidence interval yet: that arrives with Meridian.Perf's Bench sampler.";

    public ThroughputResult Measure(string name, Func<int> call, int framesPerCall)
    {
        Warmup(call);
        int callsPerSample = Calibrate(call);
        var rates = new double[samples];
        var wallRates = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            int sink = 0;
            long cpuStart = ThreadCpuClock.IsSupported ? ThreadCpuClock.Nanoseconds() : 0;
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < callsPerSample; i++)
            {
                sink += call();
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            long cpu = ThreadCpuClock.IsSupported ? ThreadCpuClock.Nanoseconds() - cpuStart : 0;
            BlackBox.Consume(sink);
            double frames = (double)callsPerSample * framesPerCall;
            wallRates[s] = frames / elapsed.TotalSeconds;
            rates[s] = ThreadCpuClock.IsSupported ? frames / (cpu / 1e9) : wallRates[s];
        }

        return new ThroughputResult(name, rates, wallRates, Method);
    }

    private static void Warmup(Func<int> call)
    {
        var started = Stopwatch.StartNew();
        long compiled = JitInfo.GetCompiledMethodCount();
        var quietSince = Stopwatch.StartNew();
        while (started.Elapsed < MaxWarmup)
        {
            BlackBox.Consume(call());
            long now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                quietSince.Restart();
            }
            else if (quietSince.Elapsed >= QuietJit)
            {
                return;
            }
        }
    }

    private int Calibrate(Func<int> call)
    {
        int calls = 1;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
            {
                BlackBox.Consume(call());
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed >= sampleTime / 4 || calls >= 1 << 24)
            {
                return Math.Max(1, (int)(calls * (sampleTime / elapsed)));
            }

            calls *= 2;
        }
    }
}
