using Meridian.Perf;
using Meridian.Perf.Profiling;

namespace Meridian.Docs.Snippets;

/// <summary>Profiling sessions are process-wide; these tests run one at a time.</summary>
[CollectionDefinition(nameof(ProfilingCollection), DisableParallelization = true)]
public sealed class ProfilingCollection;

/// <summary>The snippets of docs/profiling.md, run as tests.</summary>
[Collection(nameof(ProfilingCollection))]
public sealed class ProfilingSnippets
{
    private static readonly int[] Source = Enumerable.Range(0, 4096).Select(i => (i * 7919) % 4096).ToArray();
    private static object? s_sink;

    private static void SortCopies(TimeSpan duration)
    {
        var copy = new int[Source.Length];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            Source.CopyTo(copy, 0);
            Array.Sort(copy);
        }

        BlackBox.Consume(copy[0]);
    }

    [Fact]
    public void Cpu_profile()
    {
        string folder = Directory.CreateTempSubdirectory("meridian-docs-profile-").FullName;

        #region profiling-cpu
        CpuProfile profile = CpuProfiler.Profile(() => SortCopies(TimeSpan.FromMilliseconds(300)));
        Console.WriteLine(profile);                                    // top frames by self and inclusive samples
        double sorting = profile.InclusiveShareOf("ArraySortHelper");  // ~0.96: the share of samples under the sort

        profile.WriteFlamegraph(Path.Combine(folder, "cpu.svg"));      // SVG, open in a browser
        profile.WriteFolded(Path.Combine(folder, "cpu.folded"));       // flamegraph.pl / inferno input
        profile.WriteSpeedscope(Path.Combine(folder, "cpu.speedscope.json"));
        #endregion

        Assert.True(profile.SampleCount > 0);
        Assert.InRange(sorting, 0.01, 1);
        Assert.True(File.Exists(Path.Combine(folder, "cpu.svg")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Allocation_profile()
    {
        #region profiling-allocations
        AllocationProfile profile = AllocationProfiler.Profile(static () =>
        {
            for (int i = 0; i < 200_000; i++)
            {
                s_sink = i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms";
            }
        });

        Console.WriteLine(profile);                          // call sites: type @ method, estimated bytes and objects
        Console.WriteLine(profile.ExactThreadBytes);         // the exact total, to judge the estimate by
        foreach (AllocationSite site in profile.Sites.Take(3))
        {
            Console.WriteLine($"{site.TypeName} @ {site.Method}: ~{site.EstimatedBytes:0} B");
        }
        #endregion

        Assert.True(profile.SampleCount > 0);
        Assert.NotNull(profile.ExactThreadBytes);
    }

    [Fact]
    public void Perf_stat()
    {
        #region profiling-perfstat
        PerfStatReport stat = PerfStat.Measure(static () => SortCopies(TimeSpan.FromMilliseconds(50)));
        Console.WriteLine(stat);                             // perf stat's layout, then the scheduler, runtime and diagnosis
        Console.WriteLine(stat.Diagnosis);                   // e.g. "CPU-bound: on a CPU 49.8 ms of 50.0 ms wall ..."
        Console.WriteLine(stat[PerfCounter.Instructions]);   // "not supported" on most virtual machines, never a fake 0
        #endregion

        Assert.NotNull(stat.Diagnosis);
    }
}
