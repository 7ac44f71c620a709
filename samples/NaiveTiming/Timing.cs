using System.Diagnostics;

namespace NaiveTiming;

/// <summary>A deliberately plain Stopwatch harness: the same one times the naive and the corrected versions.</summary>
internal static class Timing
{
    public static double NanosecondsPerOp(Action<int> loop, int iterations = 2_000_000, int runs = 7)
    {
        loop(iterations); // warm-up: compile and tier up before timing
        loop(iterations);
        var perOp = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            long start = Stopwatch.GetTimestamp();
            loop(iterations);
            perOp[run] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / iterations;
        }

        Array.Sort(perOp);
        return perOp[runs / 2];
    }
}
