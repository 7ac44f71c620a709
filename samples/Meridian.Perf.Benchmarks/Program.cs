using BenchmarkDotNet.Running;
using Meridian.Perf.Benchmarks;

// Benchmarks of Meridian.Perf's own overhead. Run all: dotnet run -c Release --project samples/Meridian.Perf.Benchmarks
// Run some: ... -- --filter '*AllocationScope*'   Quick run: ... -- --job short
// First use from fresh processes: ... -- first-use 40 [the package's runtimes/linux-x64/lib/net10.0/Meridian.Perf.dll, side by side]
// Rows 1 and 2 interleaved on the thread's CPU clock, for a loaded machine (Linux): ... -- interleaved
if (!FirstUse.TryRun(args) && !InterleavedOverhead.TryRun(args))
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
