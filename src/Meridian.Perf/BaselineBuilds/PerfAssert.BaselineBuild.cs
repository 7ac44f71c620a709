namespace Meridian.Perf;

/// <content>Assertions against a baseline build of the code under test (see <see cref="BaselineBuild"/>).</content>
public static partial class PerfAssert
{
    /// <summary>
    /// Asserts that the current build of the code <paramref name="body"/> runs is not slower than the baseline build
    /// (see <see cref="BaselineBuild"/>): both interleaved in this process, with <see cref="Bench.Compare(Action, Action, CompareOptions?)"/>'s statistics and verdicts.
    /// With no baseline configured, or when the body uses something the baseline build lacks, the check is inconclusive: it passes with a note saying why, unless <see cref="CompareOptions.FailOnInconclusive"/> is set.
    /// </summary>
    /// <param name="body">A static method (or a lambda that captures nothing) that builds the state and returns the code to time; called once in each build's context.</param>
    /// <param name="options">Significance, noise threshold, sampling and time budget (context loading included); <see cref="CompareOptions.Default"/> when null.</param>
    /// <returns>The comparison, for further checks.</returns>
    /// <exception cref="PerformanceAssertionException">The current build is slower (or inconclusive, when configured to fail).</exception>
    /// <exception cref="ArgumentException">The factory captures state, or is an instance or generic method (the message says how to write it).</exception>
    public static BaselineBuildComparison NotSlowerThanBaselineBuild(Func<Action> body, CompareOptions? options = null)
    {
        options ??= CompareOptions.Default;
        var result = BaselineBuildRunner.Run(body, options, timing: true, allocations: false);
        return AgainstBaselineBuild(result, options, (comparison, o) => CheckNotSlower(comparison, o));
    }

    /// <summary>
    /// Asserts that the current build of the code <paramref name="body"/> runs is faster than the baseline build by
    /// at least <paramref name="minimumSpeedup"/> (the verdict is <see cref="Verdict.Faster"/> and the whole interval of
    /// the speed-up lies at or above it), both interleaved in this process.
    /// </summary>
    /// <param name="body">A static method (or a lambda that captures nothing) that builds the state and returns the code to time.</param>
    /// <param name="minimumSpeedup">The least speed-up that passes, as a factor: 1.5 means at least 1.5 times as fast. 1 or more.</param>
    /// <param name="options">Significance, noise threshold, sampling and time budget; <see cref="CompareOptions.Default"/> when null.</param>
    /// <returns>The comparison, for further checks.</returns>
    /// <exception cref="PerformanceAssertionException">The current build is not that much faster (or inconclusive, when configured to fail).</exception>
    /// <exception cref="ArgumentException">The factory captures state, or is an instance or generic method.</exception>
    public static BaselineBuildComparison FasterThanBaselineBuild(Func<Action> body, double minimumSpeedup = 1, CompareOptions? options = null)
    {
        ValidateSpeedup(minimumSpeedup);
        options ??= CompareOptions.Default;
        var result = BaselineBuildRunner.Run(body, options, timing: true, allocations: false);
        return AgainstBaselineBuild(result, options, (comparison, o) => CheckFaster(comparison, minimumSpeedup, o));
    }

    /// <summary>
    /// Asserts that the current build of the code <paramref name="body"/> runs allocates no more bytes per call than
    /// the baseline build: exact counts on the measuring thread (<see cref="Allocations.Measure(Action, AllocationOptions?)"/>),
    /// the current build held to the baseline's figure with <see cref="Allocations.AssertAtMost(long, Action, AllocationOptions?)"/>'s rule.
    /// </summary>
    /// <param name="body">A static method (or a lambda that captures nothing) that builds the state and returns the code to measure.</param>
    /// <param name="options">Only <see cref="CompareOptions.FailOnInconclusive"/> and <see cref="CompareOptions.Log"/> apply; <see cref="CompareOptions.Default"/> when null.</param>
    /// <returns>The comparison, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">The current build allocates more per call than the baseline build.</exception>
    /// <exception cref="PerformanceAssertionException">Inconclusive, when configured to fail.</exception>
    /// <exception cref="ArgumentException">The factory captures state, or is an instance or generic method.</exception>
    public static BaselineBuildComparison AllocatesNoMoreThanBaselineBuild(Func<Action> body, CompareOptions? options = null)
    {
        options ??= CompareOptions.Default;
        var result = BaselineBuildRunner.Run(body, options, timing: false, allocations: true);
        if (!result.Compared)
        {
            NotComparedWithBaselineBuild(result, result.NotComparedReason!, options);
            return result;
        }

        if (result.BaselineBytesPerCall is not { } baseline || result.CurrentBytesPerCall is null)
        {
            string why = result.BaselineAllocations?.UnreliableReason ?? result.CurrentAllocations?.UnreliableReason ?? "no figure";
            NotComparedWithBaselineBuild(result, $"the bytes per call cannot be trusted: {why}", options);
            return result;
        }

        long budget = (long)Math.Ceiling(baseline);
        if (result.CurrentBytesPerCall <= budget)
        {
            return result;
        }

        try
        {
            // Over: the rule that decides and the message (every window over budget, sampled culprits) are the allocation assertions'.
            Allocations.AssertAtMost(budget, result.CurrentBody!);
        }
        catch (AllocationAssertionException e) when (e.Report is { } report)
        {
            throw new AllocationAssertionException(
                $"Expected the current build to allocate no more per call than the baseline build ({ByteText.Format(baseline)} per call), but it allocates {ByteText.Format(report.BytesPerCall ?? double.NaN)} per call.\n{e.Message}\n{result.Provenance()}",
                report)
            {
                SampledAllocations = e.SampledAllocations,
            };
        }

        return result;
    }

    private static BaselineBuildComparison AgainstBaselineBuild(BaselineBuildComparison result, CompareOptions options, Action<Comparison, CompareOptions> check)
    {
        if (result.Timing is not { } comparison)
        {
            NotComparedWithBaselineBuild(result, result.NotComparedReason ?? "nothing was timed", options);
            return result;
        }

        var write = options.Log ?? Console.Out.WriteLine;
        try
        {
            check(comparison, options with { Log = message => write($"{message}\n{result.Provenance()}") });
        }
        catch (PerformanceAssertionException e)
        {
            throw new PerformanceAssertionException($"{result.Body}: current build (candidate) against the baseline build (baseline).\n{e.Message}\n{result.Provenance()}", comparison);
        }

        return result;
    }

    private static void NotComparedWithBaselineBuild(BaselineBuildComparison result, string reason, CompareOptions options)
    {
        string message = $"Inconclusive: {result.Body} was not compared with a baseline build: {reason}\n{result.Provenance()}";
        if (options.FailOnInconclusive)
        {
            throw new PerformanceAssertionException(message + "\n(The test fails because CompareOptions.FailOnInconclusive is set.)");
        }

        (options.Log ?? Console.Out.WriteLine)("Meridian.Perf: " + message + "\n(Not a failure: set CompareOptions.FailOnInconclusive to make it one.)");
    }
}
