using System.Globalization;
using Meridian.Perf;
using NaiveTiming;

// The three ways a naive Stopwatch benchmark lies, each next to its corrected version, with the numbers measured now.
// Run: dotnet run -c Release --project samples/NaiveTiming
Console.WriteLine("Naive Stopwatch benchmarks vs corrected ones (median of 7 runs, ns per operation, this machine, now)");
Console.WriteLine();

var rows = new List<(string Mode, double Naive, double Corrected, string Why)>
{
    ("Dead-code elimination", Timing.NanosecondsPerOp(Workloads.SqrtDiscarded), Timing.NanosecondsPerOp(Workloads.SqrtConsumed),
        "nobody reads the square roots, so the JIT never computes them; BlackBox.Consume makes each result observable"),
    ("Constant folding", Timing.NanosecondsPerOp(Workloads.ChainOnConstant), Timing.NanosecondsPerOp(Workloads.ChainOnOpaque),
        "the input is a constant, so the JIT computes the answer at compile time; BlackBox.Opaque hides where the input came from"),
    ("I/O inside the timed region", Timing.NanosecondsPerOp(Workloads.FormatAndWrite, iterations: 20_000), Timing.NanosecondsPerOp(Workloads.FormatOnly, iterations: 20_000),
        "the timed loop writes and flushes each line to a file, so it times the disk and the kernel, not the formatting; write after the clock stops"),
};

Console.WriteLine($"{"failure mode",-28} {"naive",10} {"corrected",10}  ratio");
foreach (var (mode, naive, corrected, _) in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode,-28} {naive,10:0.00} {corrected,10:0.00}  {naive / corrected,5:0.00}×"));
}

Console.WriteLine();
foreach (var (mode, _, _, why) in rows)
{
    Console.WriteLine($"{mode}: {why}.");
}

Console.WriteLine();
Console.WriteLine("The first two naive figures are too fast (the work was deleted), the third too slow (it timed I/O).");
Console.WriteLine("Meridian.Perf's Bench and BenchmarkDotNet do the corrected things for you; BlackBoxJitTests proves the first two from the JIT's disassembly.");
Workloads.Cleanup();
