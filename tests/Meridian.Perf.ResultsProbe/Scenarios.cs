using System.Reflection;
using Meridian.Perf.Testing;

namespace Meridian.Perf.ResultsProbe;

/// <summary>Measurements of every kind the results sink records, each made once, with what it printed.</summary>
internal static class Scenarios
{
    private static readonly BenchOptions Quick = new() { Samples = 5, BatchTime = TimeSpan.FromMilliseconds(1), WarmupQuietPeriod = TimeSpan.FromMilliseconds(20), MaxWarmupTime = TimeSpan.FromMilliseconds(300), MaxTime = TimeSpan.FromSeconds(2) };
    private static readonly CompareOptions QuickCompare = new() { Blocks = 6, MaxRounds = 1, BatchTime = TimeSpan.FromMilliseconds(1), WarmupQuietPeriod = TimeSpan.FromMilliseconds(20), MaxWarmupTime = TimeSpan.FromMilliseconds(300), MaxTime = TimeSpan.FromSeconds(2) };
    private static readonly AllocationOptions QuickAllocations = new() { WarmupCalls = 2, Windows = 2, CallsPerWindow = 10, NameCulprits = false };

    public static int Every(string baselines)
    {
        Console.WriteLine($"recording={PerfResults.IsRecording} file={PerfResults.FilePath}");
        BenchRun();
        BenchCompare();
        BaselineRecordedThenCompared(baselines);
        AllocationsMeasured();
        AllocationsAssertedOverBudget();
        ZeroAllocTest();
        Labelled();
        Console.WriteLine("done");
        return 0;
    }

    public static int Parallel(int threads, int each)
    {
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < each; i++)
            {
                Allocations.Measure(static () => BlackBox.Consume(new byte[16]), QuickAllocations);
            }
        })).ToList();
        workers.ForEach(static t => t.Start());
        workers.ForEach(static t => t.Join());
        Console.WriteLine($"measured {threads * each}");
        return 0;
    }

    private static void BenchRun() => Bench.Run(static () => BlackBox.Consume(Work(200)), Quick);

    private static void BenchCompare() => Bench.Compare(static () => BlackBox.Consume(Work(200)), static () => BlackBox.Consume(Work(400)), QuickCompare);

    private static void BaselineRecordedThenCompared(string folder)
    {
        Directory.CreateDirectory(folder);
        var options = new BaselineOptions { Directory = folder, Bench = Quick, Log = static _ => { } };
        PerfAssert.NoRegression("probe-key", static () => BlackBox.Consume(Work(200)), options);
        try
        {
            PerfAssert.NoRegression("probe-key", static () => BlackBox.Consume(Work(200)), options);
        }
        catch (PerformanceAssertionException)
        {
            // A loaded machine may call it Slower; the record says so either way.
        }
    }

    private static void AllocationsMeasured() => Allocations.Measure(static () => BlackBox.Consume(new object()), QuickAllocations);

    private static void AllocationsAssertedOverBudget()
    {
        try
        {
            Allocations.AssertNone(static () => BlackBox.Consume(new byte[100]), QuickAllocations);
        }
        catch (AllocationAssertionException)
        {
            Console.WriteLine("over budget, as intended");
        }
    }

    private static void ZeroAllocTest()
    {
        var method = typeof(FakeTests).GetMethod(nameof(FakeTests.Parses), BindingFlags.Public | BindingFlags.Instance)!;
        TestBodyAllocations.AssertWithinBudget(new ZeroAllocSettings(), new FakeTests(), method, [42, "x"]);
    }

    private static void Labelled()
    {
        using (PerfResults.Label("probe/labelled", unitsPerOperation: 1000, unit: "frames"))
        {
            Bench.Run(static () => BlackBox.Consume(Work(1000)), Quick);
        }
    }

    private static long Work(int steps)
    {
        long hash = 17;
        for (int i = 0; i < steps; i++)
        {
            hash = (hash * 31) + i;
        }

        return hash;
    }
}
