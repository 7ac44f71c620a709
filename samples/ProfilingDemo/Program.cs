using System.Diagnostics;
using Meridian.Perf;
using Meridian.Perf.Profiling;
using ProfilingDemo;

// Profiles a small order-book workload in-process and writes what a performance engineer opens next:
// flamegraph.svg (open in a browser), profile.folded (flamegraph.pl, inferno), profile.speedscope.json (speedscope.app),
// the same three for allocated bytes, and a perf-stat style summary.
if (args is ["ground-truth", ..])
{
    return GroundTruthDemo.Run(args);
}

if (args is ["first-session", ..])
{
    return FirstSessionCost.Run(args);
}

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

// The profiler's overhead on this CPU-bound workload: pairs of equal runs without and with the sampler, interleaved so
// that tier-up, drift and other processes hit both alike; the median of the per-pair ratios. Session start, stop and
// stack resolution are outside the timed runs (they are reported separately by the profile).
const int OverheadRuns = 30;
const int OverheadPairs = 7;
RepeatFor(TimeSpan.FromSeconds(1)); // let tiered compilation finish before timing anything

TimeSpan TimeRuns()
{
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < OverheadRuns; i++)
    {
        Workload();
    }

    return clock.Elapsed;
}

try
{
    var ratios = new List<double>();
    int samples = 0;
    for (var pair = 0; pair < OverheadPairs; pair++)
    {
        var plain = TimeRuns();
        var sampled = TimeSpan.Zero;
        samples += CpuProfiler.Profile(() => sampled = TimeRuns()).SampleCount;
        ratios.Add(sampled / plain);
    }

    ratios.Sort();
    Console.WriteLine(
        $"Profiler overhead: median {ratios[ratios.Count / 2]:0.000}x over {OverheadPairs} interleaved pairs of {OverheadRuns} runs " +
        $"(range {ratios[0]:0.000}x-{ratios[^1]:0.000}x; {samples} samples).");
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
