using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Meridian.Perf.Profiling.Tests;

/// <summary>Workloads with known answers: one overwhelmingly hot method; two allocation sites in a 3:1 byte ratio.</summary>
internal static class Workloads
{
    private static byte[]? s_sink;

    /// <summary>Runs <see cref="HotMethod"/> ~50 times as long as <see cref="ColdMethod"/> until <paramref name="duration"/> passed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double HotAndCold(TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        double result = 0;
        while (clock.Elapsed < duration)
        {
            result += HotMethod(100_000);
            result += ColdMethod(2_000);
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double HotMethod(int iterations)
    {
        double accumulator = 1;
        for (var i = 0; i < iterations; i++)
        {
            // A call in the loop keeps the method's own frame on every sampled stack: in a loop without calls the
            // runtime's sampler stops the thread in Thread.PollGC and loses the loop's frame.
            accumulator = Mix(accumulator, i);
        }

        return accumulator;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double ColdMethod(int iterations)
    {
        double accumulator = 1;
        for (var i = 0; i < iterations; i++)
        {
            accumulator = Mix(accumulator, i);
        }

        return accumulator;
    }

    /// <summary>Allocates 3 × <paramref name="rounds"/> × 1 024 B at one site and 1 × at another, interleaved.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThreeToOne(int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            AllocateThreeKilobytes();
            AllocateOneKilobyte();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AllocateThreeKilobytes()
    {
        // byte[1000] is a 1 024-byte object (16 B header and length, 1 000 B data, padded to 8).
        s_sink = new byte[1000];
        s_sink = new byte[1000];
        s_sink = new byte[1000];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AllocateOneKilobyte() => s_sink = new byte[1000];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Mix(double accumulator, int i) => (accumulator * 1.000001) + Math.Sqrt(i);
}
