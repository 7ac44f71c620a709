using BenchmarkDotNet.Running;
using Meridian.Perf.Benchmarks;

// Benchmarks of Meridian.Perf's own overhead. Run all: dotnet run -c Release --project samples/Meridian.Perf.Benchmarks
// Run some: ... -- --filter '*AllocationScope*'   Quick run: ... -- --job short
// First use from fresh processes: ... -- first-use 40
if (!FirstUse.TryRun(args))
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
