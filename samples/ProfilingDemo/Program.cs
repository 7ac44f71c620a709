using System.Diagnostics;
using Meridian.Perf;
using Meridian.Perf.Profiling;
using ProfilingDemo;

// Profiles a small order-book workload in-process and writes what a performance engineer opens next:
// flamegraph.svg (open in a browser), profile.folded (flamegraph.pl, inferno), profile.speedscope.json (speedscope.app),
// the same three for allocated bytes, and a perf-stat style summary.
var output = args.Length > 0 ? args[0] : Path.Combine(Environment.CurrentDirectory, "profile-output");
Directory.CreateDirectory(output);

var lines = OrderBook.GenerateLines(20_000, seed: 42);
void Workload()
{
    var book = new OrderBook();
    book.Load(lines);
    _ = book.Report();
}

// Warm up so the profile shows optimized steady-state code, not the JIT.
for (var i = 0; i < 5; i++)
{
    Workload();
}

void RepeatFor(TimeSpan duration)
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < duration)
    {
        Workload();
    }
}

// The profiler's overhead on this CPU-bound workload: the same number of runs without and with the sampler (one run each).
const int OverheadRuns = 60;
var plain = Stopwatch.StartNew();
for (var i = 0; i < OverheadRuns; i++)
{
    Workload();
}

plain.Stop();

try
{
    var sampled = TimeSpan.Zero;
    var overheadProfile = CpuProfiler.Profile(() =>
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < OverheadRuns; i++)
        {
            Workload();
        }

        sampled = clock.Elapsed;
    });
    Console.WriteLine($"Profiler overhead: {OverheadRuns} runs took {plain.Elapsed.TotalMilliseconds:0} ms unprofiled, {sampled.TotalMilliseconds:0} ms sampled: {sampled / plain.Elapsed:0.00}x (one run each; {overheadProfile.SampleCount} samples).");
    Console.WriteLine();

    var cpu = CpuProfiler.Profile(() => RepeatFor(TimeSpan.FromSeconds(1)));
    Console.WriteLine(cpu);
    cpu.WriteFlamegraph(Path.Combine(output, "flamegraph.svg"));
    cpu.WriteFolded(Path.Combine(output, "profile.folded"));
    cpu.WriteSpeedscope(Path.Combine(output, "profile.speedscope.json"));

    var allocations = AllocationProfiler.Profile(() => RepeatFor(TimeSpan.FromMilliseconds(500)));
    Console.WriteLine(allocations);
    allocations.WriteFlamegraph(Path.Combine(output, "allocations.svg"));
    allocations.WriteFolded(Path.Combine(output, "allocations.folded"));
    allocations.WriteSpeedscope(Path.Combine(output, "allocations.speedscope.json"));
}
catch (ProfilingUnavailableException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

// perf stat for the same workload: OS counters, scheduler split, runtime counters and a diagnosis.
Console.WriteLine(PerfStat.Measure(() => RepeatFor(TimeSpan.FromMilliseconds(500))));

Console.WriteLine($"Wrote flamegraph.svg, profile.folded, profile.speedscope.json, allocations.svg, allocations.folded, allocations.speedscope.json to {output}");
return 0;
