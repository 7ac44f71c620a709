using System.Diagnostics;
using System.Globalization;
using Meridian.Perf;

namespace Meridian.Perf.Benchmarks;

/// <summary>
/// Issue 19, row 3: the first <see cref="Allocations.Measure(Action, AllocationOptions?)"/> of a process, timed in N fresh
/// processes and reported as a distribution, beside a hand-written measurement of the same shape (3 warm-up calls, then
/// 5 windows of 100 calls between raw counter reads) timed first in the same processes. Children run as the package
/// sets up a test project: quick JIT off (every method compiled optimized on its first call), concurrent GC off.
/// </summary>
internal static class FirstUse
{
    private const string ChildArgument = "--first-use-child";
    private static readonly Action Empty = static () => { };

    public static bool TryRun(string[] args)
    {
        if (args.Length > 0 && args[0] == ChildArgument)
        {
            RunChild(args.Length > 1 && args[1] == "raw-first");
            return true;
        }

        if (args.Length > 0 && args[0] == "first-use")
        {
            int processes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
            RunParent(processes);
            return true;
        }

        return false;
    }

    private static void RunChild(bool rawFirst)
    {
        // Both are timed first in their process in turn (rawFirst alternates), so neither pays the other's start-up.
        (double Wall, double Cpu) raw, library;
        if (rawFirst)
        {
            raw = Time(HandWritten);
            library = Time(static () => Allocations.Measure(Empty));
        }
        else
        {
            library = Time(static () => Allocations.Measure(Empty));
            raw = Time(HandWritten);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{library.Wall:R} {raw.Wall:R} {library.Cpu:R} {raw.Cpu:R}"));
    }

    private static (double Wall, double Cpu) Time(Action action)
    {
        long cpu = ThreadCpuClock.Nanoseconds();
        long start = Stopwatch.GetTimestamp();
        action();
        double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return (wall, (ThreadCpuClock.Nanoseconds() - cpu) / 1e6);
    }


    private static void HandWritten()
    {
        for (int i = 0; i < 3; i++)
        {
            Empty();
        }

        var windows = new long[5];
        for (int window = 0; window < windows.Length; window++)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 100; call++)
            {
                Empty();
            }

            windows[window] = GC.GetAllocatedBytesForCurrentThread() - start;
        }

        GC.KeepAlive(windows);
    }

    private static void RunParent(int processes)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        string? assembly = self.EndsWith("dotnet", StringComparison.Ordinal) ? typeof(FirstUse).Assembly.Location : null;
        var library = new List<double>();
        var raw = new List<double>();
        var libraryCpu = new List<double>();
        var rawCpu = new List<double>();
        for (int i = 0; i < processes; i++)
        {
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
            if (assembly is not null)
            {
                start.ArgumentList.Add(assembly);
            }

            start.ArgumentList.Add(ChildArgument);
            start.ArgumentList.Add(i % 2 == 0 ? "raw-first" : "library-first");
            start.Environment["DOTNET_TC_QuickJit"] = "0";
            start.Environment["DOTNET_gcConcurrent"] = "0";
            using var child = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
            string output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            string[] parts = output.Trim().Split(' ');
            library.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            raw.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
            libraryCpu.Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
            rawCpu.Add(double.Parse(parts[3], CultureInfo.InvariantCulture));
        }

        Console.WriteLine($"First use in {processes} fresh processes (quick JIT off, concurrent GC off), ms:");
        Console.WriteLine("what                                         min     p25  median     p75     p90     max");
        Print("first Allocations.Measure, wall clock", library);
        Print("first hand-written loop, wall clock", raw);
        if (OperatingSystem.IsLinux())
        {
            Print("first Allocations.Measure, thread CPU", libraryCpu);
            Print("first hand-written loop, thread CPU", rawCpu);
        }
    }

    private static void Print(string what, List<double> values)
    {
        values.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what,-43} {values[0],6:0.00}  {Quantile(values, 0.25),6:0.00}  {Quantile(values, 0.5),6:0.00}  {Quantile(values, 0.75),6:0.00}  {Quantile(values, 0.9),6:0.00}  {values[^1],6:0.00}"));
    }

    private static double Quantile(List<double> sorted, double p)
    {
        double position = p * (sorted.Count - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
