// The once-per-process and per-test cost of a [ZeroAlloc] check on a trivial body, as every adapter pays it: core's
// TestBodyAllocations.AssertWithinBudget (bind the method to a compiled delegate, 3 warm-up calls, 5 windows of 100
// calls). Wall time, and this thread's CPU time from getrusage(RUSAGE_THREAD) (microsecond resolution, and not inflated by
// waiting for a CPU on a loaded machine the way wall time is). Linux only.
// Run: dotnet run samples/ZeroAllocAdapterCost/FirstCall.cs -c Release   (run.sh beside it reads the runners' TRX durations)
#:project ../../src/Meridian.Perf/Meridian.Perf.csproj
#:property TieredCompilationQuickJit=false
#:property ConcurrentGarbageCollection=false
#:property AllowUnsafeBlocks=true
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Meridian.Perf;
using Meridian.Perf.Testing;

var settings = new Settings();
var test = new TrivialTest();
MethodInfo body = typeof(TrivialTest).GetMethod(nameof(TrivialTest.Trivial))!;

(double Wall, double Cpu) Time(int times)
{
    double cpu = ThreadCpu.Milliseconds();
    long start = Stopwatch.GetTimestamp();
    for (int i = 0; i < times; i++)
    {
        TestBodyAllocations.AssertWithinBudget(settings, test, body, null);
    }

    double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds / times;
    return (wall, (ThreadCpu.Milliseconds() - cpu) / times);
}

var first = Time(1);
var second = Time(1);
var after = Time(200);
Console.WriteLine($"first check in the process: {first.Wall:F2} ms wall, {first.Cpu:F2} ms CPU");
Console.WriteLine($"second check:               {second.Wall:F3} ms wall, {second.Cpu:F3} ms CPU");
Console.WriteLine($"mean of the next 200:       {after.Wall:F3} ms wall, {after.Cpu:F3} ms CPU");
Console.WriteLine(MeasurementMode.Current);

internal static partial class ThreadCpu
{
    private const int RusageThread = 1;

    public static double Milliseconds()
    {
        var usage = new long[18];   // struct rusage on 64-bit Linux: two timevals, then 14 longs
        if (GetRusage(RusageThread, usage) != 0)
        {
            throw new InvalidOperationException("getrusage(RUSAGE_THREAD) failed.");
        }

        return (usage[0] + usage[2]) * 1000.0 + (usage[1] + usage[3]) / 1000.0;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, [Out] long[] usage);
}

internal sealed class Settings : IZeroAllocSettings
{
    public long MaxBytesPerCall => 0;

    public int WarmupCalls => AllocationOptions.Default.WarmupCalls;

    public int Windows => AllocationOptions.Default.Windows;

    public int CallsPerWindow => AllocationOptions.Default.CallsPerWindow;
}

internal sealed class TrivialTest
{
    private int _parsed;

    public void Trivial() => _parsed++;
}
