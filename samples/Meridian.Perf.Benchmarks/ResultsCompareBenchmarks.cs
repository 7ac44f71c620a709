using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Meridian.Perf.Benchmarks;

/// <summary>
/// Four small benchmarks whose BenchmarkDotNet JSON exports are the fixtures of <c>meridian-perf compare</c>
/// (tests/Meridian.Perf.Tool.Tests/Fixtures/bdn). Setting <c>MERIDIAN_SAMPLE_SLOWDOWN</c> to a method's name makes
/// that one benchmark do 1.5× its work (1 500 dependent steps instead of 1 000), a deliberate regression.
/// Run: MERIDIAN_SAMPLE_SLOWDOWN=Chain dotnet run -c Release --project samples/Meridian.Perf.Benchmarks -- --filter '*ResultsCompare*' --job short --launchCount 3 --exporters json
/// </summary>
[MemoryDiagnoser]
public class ResultsCompareBenchmarks
{
    private readonly int[] numbers = Enumerable.Range(0, 4096).ToArray();
    private readonly Dictionary<int, int> table = Enumerable.Range(0, 1024).ToDictionary(static i => i * 7, static i => i);
    private int chainSteps = 1000;
    private int hashSteps = 1000;

    /// <summary>Reads which benchmark to slow down (the environment reaches BenchmarkDotNet's child process).</summary>
    [GlobalSetup]
    public void Setup()
    {
        string? slow = Environment.GetEnvironmentVariable("MERIDIAN_SAMPLE_SLOWDOWN");
        chainSteps = slow == nameof(Chain) ? 1500 : 1000;
        hashSteps = slow == nameof(Hash) ? 1500 : 1000;
    }

    /// <summary>A chain of dependent multiply-adds.</summary>
    /// <returns>The hash, so the work is not removed.</returns>
    [Benchmark]
    public long Chain() => Steps(chainSteps);

    /// <summary>An FNV-style hash over a counter.</summary>
    /// <returns>The hash.</returns>
    [Benchmark]
    public ulong Hash()
    {
        ulong hash = 14695981039346656037;
        for (int i = 0; i < hashSteps; i++)
        {
            hash = (hash ^ (uint)i) * 1099511628211;
        }

        return hash;
    }

    /// <summary>Sums 4 096 integers.</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public long Sum()
    {
        long sum = 0;
        foreach (int n in numbers)
        {
            sum += n;
        }

        return sum;
    }

    /// <summary>64 dictionary lookups.</summary>
    /// <returns>How many keys were found.</returns>
    [Benchmark]
    public int Lookups()
    {
        int found = 0;
        for (int i = 0; i < 64; i++)
        {
            found += table.ContainsKey(i * 3) ? 1 : 0;
        }

        return found;
    }

    /// <summary>Formats four numbers into a new string: allocates, so the exports carry bytes per operation.</summary>
    /// <returns>The string.</returns>
    [Benchmark]
    public string Format() => new StringBuilder(64).Append(CultureInfo.InvariantCulture, $"{numbers[1]},{numbers[2]},{numbers[3]},{numbers[4]}").ToString();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Steps(int steps)
    {
        long hash = 17;
        for (int i = 0; i < steps; i++)
        {
            hash = (hash * 31) + i;
        }

        return hash;
    }
}
