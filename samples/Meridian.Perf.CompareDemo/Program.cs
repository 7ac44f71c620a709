using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Meridian.Perf;
using CompareOptions = Meridian.Perf.CompareOptions;

// Closing-note measurements for the timing verdicts. Each mode starts from a fresh process, as a test run would.
//   dotnet run -c Release --project samples/Meridian.Perf.CompareDemo -- verdict     one Bench.Compare of a +15 % pair; prints time from process start
//   dotnet run -c Release --project samples/Meridian.Perf.CompareDemo -- aa 100      100 PerfAssert.NotSlower(A, A); counts failures
//   dotnet run -c Release --project samples/Meridian.Perf.CompareDemo -- repeat 20   20 comparisons of the +15 % pair in one process
//   dotnet run -c Release --project samples/Meridian.Perf.CompareDemo -- scaling     Bench.Scaling of a linear body
// The pair: a chain of dependent multiply-adds of 1000 and of 1150 steps, so the candidate does 15 % more work by construction
// (the same pair as samples/Meridian.Perf.Benchmarks/FifteenPercentBenchmarks.cs for BenchmarkDotNet).
string mode = args.Length > 0 ? args[0] : "verdict";
int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();

switch (mode)
{
    case "verdict":
    {
        var comparison = Bench.Compare(1000, Work.Chain, static n => Work.Chain(n * 115 / 100));
        var sinceStart = DateTime.UtcNow - processStart;
        Console.WriteLine(comparison);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT verdict={comparison.Verdict} change={comparison.Change:P2} fromProcessStart={sinceStart.TotalSeconds:0.000}s warmup={comparison.WarmupTime.TotalSeconds:0.000}s measuring={comparison.MeasuringTime.TotalSeconds:0.000}s rounds={comparison.Rounds}"));
        break;
    }

    case "repeat":
    {
        var verdicts = new Dictionary<Verdict, int>();
        var times = new List<double>();
        for (int i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            var comparison = Bench.Compare(1000, Work.Chain, static n => Work.Chain(n * 115 / 100));
            times.Add(watch.Elapsed.TotalSeconds);
            verdicts[comparison.Verdict] = verdicts.GetValueOrDefault(comparison.Verdict) + 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1}: {comparison.Verdict} {comparison.Change:+0.0%;-0.0%} [{comparison.ChangeInterval.Lower:+0.0%;-0.0%} {comparison.ChangeInterval.Upper:+0.0%;-0.0%}] in {watch.Elapsed.TotalSeconds:0.00} s, rounds {comparison.Rounds}"));
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {string.Join(", ", verdicts.Select(static p => $"{p.Key} {p.Value}"))}; time per comparison median {times[times.Count / 2]:0.00} s, max {times[^1]:0.00} s"));
        break;
    }

    case "aa":
    {
        int failures = 0, inconclusive = 0, noChange = 0, faster = 0;
        var watch = Stopwatch.StartNew();
        var options = new CompareOptions { Log = _ => inconclusive++ };
        for (int i = 0; i < count; i++)
        {
            try
            {
                var comparison = PerfAssert.NotSlower(1000, Work.Chain, Work.Chain, options);
                noChange += comparison.Verdict == Verdict.NoChange ? 1 : 0;
                faster += comparison.Verdict == Verdict.Faster ? 1 : 0;
            }
            catch (PerformanceAssertionException failure)
            {
                failures++;
                Console.WriteLine(failure.Message);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT A/A PerfAssert.NotSlower: {failures} failures of {count}; NoChange {noChange}, Inconclusive {inconclusive}, Faster {faster}; {watch.Elapsed.TotalSeconds:0.0} s"));
        break;
    }

    case "scaling":
    {
        var watch = Stopwatch.StartNew();
        var result = Bench.Scaling([500, 1000, 2000, 4000, 8000], Work.Chain);
        Console.WriteLine(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {watch.Elapsed.TotalSeconds:0.00} s"));
        break;
    }

    case "run":
    {
        var result = Bench.Run(1000, Work.Chain);
        Console.WriteLine(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT fromProcessStart={(DateTime.UtcNow - processStart).TotalSeconds:0.000}s"));
        break;
    }

    default:
        Console.Error.WriteLine($"Unknown mode '{mode}': use verdict, repeat N, aa N, scaling or run.");
        return 1;
}

return 0;

/// <summary>The measured work: a chain of dependent multiply-adds, so n steps cost n times one step's latency.</summary>
internal static class Work
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Chain(int steps)
    {
        long hash = 17;
        for (int i = 0; i < steps; i++)
        {
            hash = (hash * 31) + i;
        }

        BlackBox.Consume(hash);
    }
}
