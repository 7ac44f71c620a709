using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Meridian.Perf;

namespace Meridian.Perf.RunToRun;

/// <summary>
/// Steady state under the runtime's settings. <c>probe</c> shows, from a cold start, how a body's time per call moves
/// in 100 ms windows beside the JIT's activity; <c>steady</c> is the acceptance check: the first <c>Bench.Run</c>
/// against the same body's after 3 s more warm-up, one fresh process per body.
/// </summary>
internal static class SteadyStateProbe
{
    public static void Probe(string name, double seconds)
    {
        var body = Find(name);
        long start = Stopwatch.GetTimestamp();
        long windowTicks = Stopwatch.Frequency / 10;
        long operations = 1;
        var perWindow = new List<double>();
        long windowStart = start;
        long compiled = JitInfo.GetCompiledMethodCount(false);
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (long i = 0; i < operations; i++)
            {
                body();
            }

            long t1 = Stopwatch.GetTimestamp();
            perWindow.Add((t1 - t0) * 1e9 / Stopwatch.Frequency / operations);
            if (t1 - t0 < Stopwatch.Frequency / 500)
            {
                operations *= 2;
            }

            if (t1 - windowStart >= windowTicks)
            {
                perWindow.Sort();
                long now = JitInfo.GetCompiledMethodCount(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(start).TotalSeconds,5:0.00} s  min {perWindow[0],10:0.0} ns  median {perWindow[perWindow.Count / 2],10:0.0} ns  jit +{now - compiled}"));
                compiled = now;
                perWindow.Clear();
                windowStart = t1;
            }
        }
    }

    /// <summary>From a cold start: the first moment a 25 ms window's fastest batch is within 15 % of the last second's, and the JIT's activity until then.</summary>
    public static void Settle(string name, double seconds)
    {
        var body = Find(name);
        long start = Stopwatch.GetTimestamp();
        long windowTicks = Stopwatch.Frequency / 40;
        long operations = 1;
        var windows = new List<(double At, double Min, long Jit)>();
        double min = double.MaxValue;
        long windowStart = start;
        long compiledAtStart = JitInfo.GetCompiledMethodCount(false);
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (long i = 0; i < operations; i++)
            {
                body();
            }

            long t1 = Stopwatch.GetTimestamp();
            min = Math.Min(min, (t1 - t0) * 1e9 / Stopwatch.Frequency / operations);
            if (t1 - t0 < Stopwatch.Frequency / 1000)
            {
                operations *= 2;
            }

            if (t1 - windowStart >= windowTicks)
            {
                windows.Add((Stopwatch.GetElapsedTime(start).TotalSeconds, min, JitInfo.GetCompiledMethodCount(false) - compiledAtStart));
                min = double.MaxValue;
                windowStart = t1;
            }
        }

        var last = windows.Where(w => w.At > seconds - 1).Select(w => w.Min).Order().ToList();
        double settled = last[last.Count / 2];
        int firstSettled = windows.FindIndex(w => w.Min <= settled * 1.15);
        int lastUnsettled = windows.FindLastIndex(w => w.Min > settled * 1.15 && w.At < seconds - 1);
        // The longest stretch without any compilation that ended before the body had settled: how long "JIT quiet" lied.
        double longestQuiet = 0, quietSince = 0;
        long jitBefore = 0;
        for (int i = 0; i <= Math.Max(lastUnsettled, 0); i++)
        {
            if (windows[i].Jit != jitBefore)
            {
                longestQuiet = Math.Max(longestQuiet, (i == 0 ? 0 : windows[i - 1].At) - quietSince);
                quietSince = windows[i].At;
                jitBefore = windows[i].Jit;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"QUIET {name} longest JIT-quiet stretch before settling: {longestQuiet * 1000:0} ms"));
        string trace = string.Join(" ", windows.Take(32).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Min / settled:0.0}/{w.Jit}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {name} settled {settled:0.0} ns; first within 15 % at {windows[firstSettled].At:0.000} s (jit {windows[firstSettled].Jit}); last window outside at {(lastUnsettled < 0 ? 0 : windows[lastUnsettled].At):0.000} s; jit total {windows[^1].Jit}"));
        Console.WriteLine("  ratio per 25 ms window: " + trace);
    }

    public static void Steady(string name)
    {
        var body = Find(name);
        var first = Bench.Run(body);
        var until = Stopwatch.GetTimestamp() + (3 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            for (int i = 0; i < 100; i++)
            {
                body();
            }
        }

        var settled = Bench.Run(body);
        double ratio = first.MedianNanoseconds / settled.MedianNanoseconds;
        string warned = first.Warnings.Count > 0 ? "warned: " + string.Join(" | ", first.Warnings) : "no warning";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {name} first {first.MedianNanoseconds:0.0} ns (warm-up {first.WarmupTime.TotalSeconds:0.00} s, total {first.WarmupTime.TotalSeconds + first.MeasuringTime.TotalSeconds:0.00} s) after-3s {settled.MedianNanoseconds:0.0} ns ratio {ratio:0.000} {(Math.Abs(ratio - 1) <= 0.2 ? "within20" : "OUTSIDE20")} {warned}"));
    }

    private static Action Find(string name) =>
        Bodies.FrameworkHeavy.Concat(Bodies.Everyday).First(b => b.Name == name).Body;
}
