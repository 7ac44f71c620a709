using System.Diagnostics;
using System.Globalization;
using Meridian.Perf;

namespace Meridian.Perf.Benchmarks;

/// <summary>
/// Issue 19, row 3: the first <see cref="Allocations.Measure(Action, AllocationOptions?)"/> of a process, timed in N fresh
/// processes and reported as a distribution, beside a hand-written measurement of the same shape (3 warm-up calls, then
/// 5 windows of 100 calls between raw counter reads) timed first in the same processes. Children run as the package
/// sets up a test project: quick JIT off (every method compiled optimized on its first call), concurrent GC off.
/// Given the package's ReadyToRun image of Meridian.Perf.dll (<c>first-use 40 path/to/runtimes/linux-x64/lib/net10.0/Meridian.Perf.dll</c>),
/// it also runs a copy of this sample that loads that image, alternating with the IL build process by process.
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
            RunParent(processes, args.Length > 2 ? args[2] : null);
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

    private static void RunParent(int processes, string? readyToRunImage)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        string assembly = typeof(FirstUse).Assembly.Location;
        var variants = new List<Variant> { new("IL (JIT)", self, assembly) };
        if (readyToRunImage is not null)
        {
            variants.Add(ReadyToRunCopy(self, assembly, readyToRunImage));
        }

        // Variants alternate process by process, so a change in the machine's load falls on both alike.
        for (int i = 0; i < processes * variants.Count; i++)
        {
            var variant = variants[i % variants.Count];
            RunChild(variant, rawFirst: (i / variants.Count) % 2 == 0);
        }

        if (readyToRunImage is not null)
        {
            Directory.Delete(Path.GetDirectoryName(variants[1].Assembly)!, recursive: true);
        }

        Console.WriteLine($"First use in {processes} fresh processes per variant (quick JIT off, concurrent GC off), ms:");
        Console.WriteLine("what                                                  min     p25  median     p75     p90     max");
        foreach (var variant in variants)
        {
            Print($"first Allocations.Measure, wall, {variant.Name}", variant.Library);
            Print($"first hand-written loop, wall, {variant.Name}", variant.Raw);
            if (OperatingSystem.IsLinux())
            {
                Print($"first Allocations.Measure, CPU, {variant.Name}", variant.LibraryCpu);
                Print($"first hand-written loop, CPU, {variant.Name}", variant.RawCpu);
            }
        }
    }

    // A copy of this sample's output with Meridian.Perf.dll replaced by the package's ReadyToRun image: what the host
    // loads on linux-x64 from the package's runtimes/linux-x64/lib/ folder.
    private static Variant ReadyToRunCopy(string self, string assembly, string image)
    {
        string from = Path.GetDirectoryName(assembly)!;
        string to = Path.Combine(Path.GetTempPath(), $"meridian-first-use-r2r-{Environment.ProcessId}");
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        File.Copy(image, Path.Combine(to, "Meridian.Perf.dll"), overwrite: true);
        string copiedSelf = self.EndsWith("dotnet", StringComparison.Ordinal) ? self : Path.Combine(to, Path.GetFileName(self));
        return new Variant("ReadyToRun", copiedSelf, Path.Combine(to, Path.GetFileName(assembly)));
    }

    private static void RunChild(Variant variant, bool rawFirst)
    {
        var start = new ProcessStartInfo(variant.Host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (variant.Host.EndsWith("dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(variant.Assembly);
        }

        start.ArgumentList.Add(ChildArgument);
        start.ArgumentList.Add(rawFirst ? "raw-first" : "library-first");
        start.Environment["DOTNET_TC_QuickJit"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        string[] parts = output.Trim().Split(' ');
        variant.Library.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
        variant.Raw.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
        variant.LibraryCpu.Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
        variant.RawCpu.Add(double.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    private sealed record Variant(string Name, string Host, string Assembly)
    {
        public List<double> Library { get; } = [];

        public List<double> Raw { get; } = [];

        public List<double> LibraryCpu { get; } = [];

        public List<double> RawCpu { get; } = [];
    }

    private static void Print(string what, List<double> values)
    {
        values.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what,-51} {values[0],6:0.00}  {Quantile(values, 0.25),6:0.00}  {Quantile(values, 0.5),6:0.00}  {Quantile(values, 0.75),6:0.00}  {Quantile(values, 0.9),6:0.00}  {values[^1],6:0.00}"));
    }

    private static double Quantile(List<double> sorted, double p)
    {
        double position = p * (sorted.Count - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
