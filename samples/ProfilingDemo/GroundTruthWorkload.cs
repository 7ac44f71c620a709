using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProfilingDemo;

/// <summary>
/// A workload whose answer is known: five methods run in turn, each timed by the thread's own CPU clock, so every
/// method's share of the thread's CPU time is measured beside the profile. Two call-free loops, a loop calling small
/// helpers, a loop calling a straight-line leaf (<see cref="Hash"/>, no loop, ~20 instructions) and the same loop calling
/// a function that does almost nothing (<see cref="Noop"/>): the leaf's true share of its caller is
/// (leaf loop − no-op loop) ÷ leaf loop. Used by the profiler's tests and by this sample's comparison with <c>perf record</c>.
/// </summary>
public static partial class GroundTruthWorkload
{
    /// <summary>The measured methods, in the order each round runs them.</summary>
    public static readonly string[] Methods = ["CallFreeLoopA", "CallFreeLoopB", "HelperLoop", "LeafLoop", "NoopLoop"];

    // Target CPU time per call of each method, in milliseconds (A twice the others): shares of about 33/17/17/17/17 %,
    // less for the no-op loop, which does the same number of calls as the leaf loop.
    private static readonly double[] TargetMilliseconds = [2.0, 1.0, 1.0, 1.0];

    private static ulong s_sink;

    /// <summary>Calibrates iteration counts so that each method takes about its target time per call.</summary>
    /// <returns>Iterations per call of A, B, the helper loop and the leaf loop (the no-op loop makes as many as the leaf loop).</returns>
    public static int[] Calibrate()
    {
        var iterations = new int[TargetMilliseconds.Length];
        for (var method = 0; method < iterations.Length; method++)
        {
            var n = 1_000;
            double elapsed;
            do
            {
                n *= 2;
                var start = ThreadCpuNanoseconds();
                RunMethod(method, n);
                elapsed = (ThreadCpuNanoseconds() - start) / 1e6;
            }
            while (elapsed < 0.5 && n < 1 << 28);

            iterations[method] = (int)Math.Max(1_000, n * TargetMilliseconds[method] / Math.Max(elapsed, 1e-3));
        }

        return iterations;
    }

    /// <summary>Runs rounds of all five methods until <paramref name="duration"/> of the thread's CPU time has passed.</summary>
    /// <param name="iterations">From <see cref="Calibrate"/>.</param>
    /// <param name="duration">Thread CPU time to run for.</param>
    /// <returns>CPU time per method in nanoseconds (in <see cref="Methods"/> order) and the whole run's.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static (long[] PerMethod, long Total) Run(int[] iterations, TimeSpan duration)
    {
        var perMethod = new long[Methods.Length];
        var start = ThreadCpuNanoseconds();
        var end = start + (long)duration.TotalNanoseconds;
        var now = start;
        while (now < end)
        {
            for (var method = 0; method < Methods.Length; method++)
            {
                var before = now;
                RunMethod(method, method == 4 ? iterations[3] : iterations[method]);
                now = ThreadCpuNanoseconds();
                perMethod[method] += now - before;
            }
        }

        return (perMethod, now - start);
    }

    /// <summary>Reads the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID), in nanoseconds.</summary>
    public static long ThreadCpuNanoseconds()
    {
        ClockGetTime(3, out var time);
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    private static void RunMethod(int method, int n) => s_sink += method switch
    {
        0 => CallFreeLoopA(n),
        1 => CallFreeLoopB(n),
        2 => HelperLoop(n),
        3 => LeafLoop(n),
        _ => NoopLoop(n),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong CallFreeLoopA(int n)
    {
        var x = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < n; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong CallFreeLoopB(int n)
    {
        var x = 12345UL;
        for (var i = 0; i < n; i++)
        {
            x = (x * 6364136223846793005UL) + 1442695040888963407UL;
            x ^= x >> 29;
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong HelperLoop(int n)
    {
        var x = 7UL;
        for (var i = 0; i < n; i++)
        {
            x = HelperMix(x) + HelperFold(x, i);
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong HelperMix(ulong x) => (x ^ (x >> 31)) * 0xBF58476D1CE4E5B9UL;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong HelperFold(ulong x, int i) => BitOperations.RotateLeft(x, 7) ^ (uint)i;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong LeafLoop(int n)
    {
        var h = 1UL;
        for (var i = 0; i < n; i++)
        {
            h = Mix(Hash(h, i));
        }

        return h;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong NoopLoop(int n)
    {
        var h = 1UL;
        for (var i = 0; i < n; i++)
        {
            h = Mix(Noop(h, i));
        }

        return h;
    }

    /// <summary>A straight-line hash step: no loop, no call, about twenty instructions (a murmur3-style round and finalizer).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Hash(ulong h, int i)
    {
        var k = (ulong)i * 0x87C37B91114253D5UL;
        k = BitOperations.RotateLeft(k, 31) * 0x4CF5AD432745937FUL;
        h ^= k;
        h = (BitOperations.RotateLeft(h, 27) * 5) + 0x52DCE729;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 33);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Noop(ulong h, int i) => h + (uint)i;

    // The loops' own work, inlined, on the same dependency chain as the call's result: with the chain this long, the
    // call's own overhead hides in it for both loops alike, and the leaf's time adds to the loop's instead of
    // overlapping with it, so (leaf loop − no-op loop) ÷ leaf loop is the leaf's share (with a loop that did nothing
    // else, out-of-order execution hides the loop behind the leaf and the subtraction understates the leaf).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h)
    {
        h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9UL;
        return (h ^ (h >> 32)) * 0x94D049BB133111EBUL;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
