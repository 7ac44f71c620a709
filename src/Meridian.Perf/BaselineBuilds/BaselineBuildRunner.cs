using System.Diagnostics;

namespace Meridian.Perf;

/// <summary>One check of a body against the baseline build: find the body in both contexts, then time and/or count bytes with the engines every other check uses.</summary>
internal static class BaselineBuildRunner
{
    /// <summary>The least time left to the timing comparison: its first round always runs, whatever the context cost.</summary>
    private static readonly TimeSpan LeastMaxTime = TimeSpan.FromMilliseconds(1);

    /// <param name="factory">The body factory.</param>
    /// <param name="options">Timing settings, and what to do when inconclusive.</param>
    /// <param name="timing">Whether to time both builds.</param>
    /// <param name="allocations">Whether to count both builds' bytes per call.</param>
    /// <param name="loadedBaseline">A baseline loaded by the caller (tests); by default, the test assembly's own, loaded once.</param>
    public static BaselineBuildComparison Run(Func<Action> factory, CompareOptions options, bool timing, bool allocations, LoadedBaseline? loadedBaseline = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        long start = Stopwatch.GetTimestamp();
        BodyFactories.Validate(factory);
        string body = $"{factory.Method.DeclaringType!.FullName}.{factory.Method.Name}";
        bool loadedNow = true;
        var loaded = loadedBaseline ?? LoadedBaseline.For(factory.Method.DeclaringType.Assembly, out loadedNow);
        var loadTime = loadedNow ? loaded.LoadTime : TimeSpan.Zero;

        BaselineBuildComparison Result(string? notCompared, Comparison? comparison = null, AllocationReport? baselineBytes = null, AllocationReport? currentBytes = null, Action? currentBody = null) =>
            new(body, loaded.Describe(), notCompared, comparison, baselineBytes, currentBytes, loaded.Context?.Resolution ?? [], loadTime, Stopwatch.GetElapsedTime(start))
            {
                CurrentBody = currentBody,
            };

        if (loaded.Problem is { } problem)
        {
            return Result(problem);
        }

        var context = loaded.Context!;
        Action baseline;
        try
        {
            baseline = BodyFactories.InContext(factory, loaded.TestCopy!)();
            baseline();
        }
        catch (Exception e) when (BodyFactories.IsMissing(e, out string what))
        {
            return Result($"the body uses something the baseline build does not have — {what}");
        }

        var current = factory();
        current();
        if (!context.BaselineAssemblies.Any())
        {
            return Result(
                $"the body used none of the baseline build's assemblies ({string.Join(", ", context.BaselineAssemblyNames)}), so both sides would run the current build. " +
                "Point the baseline at the build output of the library the body calls.");
        }

        if (context.OptimizationMismatches() is { Count: > 0 } mismatches)
        {
            return Result(
                $"the two builds are not compiled alike: {string.Join("; ", mismatches)}. Unoptimized code says little about production and compares unfairly with optimized code: " +
                "run the tests in the configuration the baseline was built in (dotnet test -c Release), or build the baseline in the tests' configuration (-p:MeridianPerfBaselineConfiguration=...).");
        }

        try
        {
            Comparison? comparison = null;
            if (timing)
            {
                var left = options.MaxTime - Stopwatch.GetElapsedTime(start);
                comparison = Bench.Compare(baseline, current, options with { MaxTime = left > LeastMaxTime ? left : LeastMaxTime });
            }

            AllocationReport? baselineBytes = null;
            AllocationReport? currentBytes = null;
            if (allocations)
            {
                baselineBytes = Allocations.Measure(baseline);
                currentBytes = Allocations.Measure(current);
            }

            return Result(null, comparison, baselineBytes, currentBytes, current);
        }
        catch (Exception e) when (BodyFactories.IsMissing(e, out string what))
        {
            return Result($"the body reached something the baseline build does not have while it was measured — {what}");
        }
    }
}
