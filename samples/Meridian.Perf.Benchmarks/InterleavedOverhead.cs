using System.Globalization;
using System.Runtime.CompilerServices;
using Meridian.Perf;

namespace Meridian.Perf.Benchmarks;

/// <summary>
/// Rows 1 and 2 of issue 19 without BenchmarkDotNet, for a loaded machine: every variant runs in each of 21 rounds, one
/// after the other, and is timed on the thread's CPU clock (time the thread was not running does not count). Prints
/// the median ns per call and its ratio to the raw pair of counter reads measured in the same rounds.
/// </summary>
internal static class InterleavedOverhead
{
    private const int Calls = 1_000_000;
    private const int Rounds = 21;

    public static bool TryRun(string[] args)
    {
        if (args.Length == 0 || args[0] != "interleaved")
        {
            return false;
        }

        if (!OperatingSystem.IsLinux())
        {
            Console.WriteLine("The interleaved run reads the thread's CPU clock through clock_gettime: Linux only. Use the BenchmarkDotNet benchmarks.");
            return true;
        }

        (string Name, Func<int, long> Run)[] variants =
        [
            ("two raw GC.GetAllocatedBytesForCurrentThread()", TwoRawReads),
            ("AllocationScope.Begin() + End()", ScopeBeginEnd),
            ("AllocationMark.Now() + AllocatedBytes", MarkNowAllocatedBytes),
            ("RuntimeCounters.Capture()", CaptureCounters),
            ("LightRuntimeCounters.Capture()", CaptureLightCounters),
        ];
        var perCall = variants.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < Rounds; round++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                long start = ThreadCpuClock.Nanoseconds();
                GC.KeepAlive(variants[v].Run(Calls));
                perCall[v].Add((ThreadCpuClock.Nanoseconds() - start) / (double)Calls);
            }
        }

        double raw = Median(perCall[0]);
        Console.WriteLine($"{Rounds} interleaved rounds of {Calls:N0} calls, thread CPU time, median ns per call:");
        for (int v = 0; v < variants.Length; v++)
        {
            double median = Median(perCall[v]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variants[v].Name,-48} {median,8:0.00} ns  {median / raw,6:0.00}×"));
        }

        return true;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long TwoRawReads(int calls)
    {
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            sum += GC.GetAllocatedBytesForCurrentThread() - start;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long ScopeBeginEnd(int calls)
    {
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            var scope = AllocationScope.Begin();
            sum += scope.End();
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long MarkNowAllocatedBytes(int calls)
    {
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            var mark = AllocationMark.Now();
            sum += mark.AllocatedBytes;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long CaptureCounters(int calls)
    {
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += RuntimeCounters.Capture().ThreadAllocatedBytes;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long CaptureLightCounters(int calls)
    {
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += LightRuntimeCounters.Capture().ThreadAllocatedBytes;
        }

        return sum;
    }
}
