using System.Diagnostics;
using System.Globalization;
using Meridian.Perf.Profiling;

namespace ProfilingDemo;

/// <summary>
/// The first profiling session of a process, measured from fresh processes:
/// <c>dotnet ProfilingDemo.dll first-session 10</c> starts 10 child processes per sampler, alternating, each of which
/// warms a workload (not the profiler), profiles it once and reports the session's start time and the time from the
/// body's last instruction until its flamegraph file is written; the parent prints the distributions.
/// </summary>
public static class FirstSessionCost
{
    public static int Run(string[] args)
    {
        if (args is [_, "child", var childSampler])
        {
            return Child(childSampler == "event-pipe" ? CpuSampler.EventPipe : CpuSampler.PerfEvent);
        }

        var processes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var results = new Dictionary<string, List<(double Start, double Ready)>> { ["perf-event"] = [], ["event-pipe"] = [] };
        for (var i = 0; i < processes; i++)
        {
            foreach (var sampler in results.Keys)
            {
                var start = new ProcessStartInfo("dotnet", [typeof(FirstSessionCost).Assembly.Location, "first-session", "child", sampler])
                {
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                };
                using var child = Process.Start(start)!;
                var line = child.StandardOutput.ReadToEnd().Trim().Split('\n')[^1];
                child.WaitForExit();
                var fields = line.Split(' ');
                results[sampler].Add((double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture)));
            }
        }

        foreach (var (sampler, values) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sampler}: {processes} fresh processes; session start {Describe(values.Select(v => v.Start))}; flamegraph ready after the body {Describe(values.Select(v => v.Ready))}"));
        }

        return 0;
    }

    private static int Child(CpuSampler sampler)
    {
        var lines = OrderBook.GenerateLines(20_000, seed: 42);
        void Workload()
        {
            var book = new OrderBook();
            book.Load(lines);
            _ = book.Report();
        }

        for (var i = 0; i < 20; i++)
        {
            Workload();
        }

        long bodyEnd = 0;
        var profile = CpuProfiler.Profile(
            () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    Workload();
                }

                bodyEnd = Stopwatch.GetTimestamp();
            },
            new ProfilerOptions { Sampler = sampler });
        var path = Path.Combine(Path.GetTempPath(), $"first-session-{Environment.ProcessId}.svg");
        profile.WriteFlamegraph(path);
        var ready = Stopwatch.GetElapsedTime(bodyEnd);
        File.Delete(path);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{profile.Session.StartTime.TotalMilliseconds:0.0} {ready.TotalMilliseconds:0.0}"));
        return 0;
    }

    private static string Describe(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"median {sorted[sorted.Length / 2]:0} ms (min {sorted[0]:0}, max {sorted[^1]:0})");
    }
}
