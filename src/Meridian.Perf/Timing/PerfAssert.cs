using System.Globalization;

namespace Meridian.Perf;

/// <summary>
/// Timing assertions with statistical verdicts, for ordinary unit tests: they fail on a real regression at p &lt; α
/// and do not cry wolf on a noisy machine (an <see cref="Verdict.Inconclusive"/> measurement passes with a note,
/// unless <see cref="CompareOptions.FailOnInconclusive"/> is set).
/// </summary>
public static partial class PerfAssert
{
    /// <summary>Asserts that <paramref name="candidate"/> is not slower than <paramref name="baseline"/> (see <see cref="Bench.Compare(Action, Action, CompareOptions?)"/>).</summary>
    /// <param name="baseline">The reference code.</param>
    /// <param name="candidate">The code under judgement.</param>
    /// <param name="options">Significance, noise threshold and sampling; <see cref="CompareOptions.Default"/> when null.</param>
    /// <returns>The comparison, for further checks.</returns>
    /// <exception cref="PerformanceAssertionException">The verdict is <see cref="Verdict.Slower"/> (or inconclusive, when configured to fail).</exception>
    public static Comparison NotSlower(Action baseline, Action candidate, CompareOptions? options = null)
    {
        options ??= CompareOptions.Default;
        return CheckNotSlower(Bench.Compare(baseline, candidate, options), options);
    }

    /// <summary>Asserts that <paramref name="candidate"/> is not slower than <paramref name="baseline"/>, passing both <paramref name="state"/>.</summary>
    /// <typeparam name="TState">The type of the state.</typeparam>
    /// <param name="state">The value passed to every call of both bodies.</param>
    /// <param name="baseline">The reference code.</param>
    /// <param name="candidate">The code under judgement.</param>
    /// <param name="options">Significance, noise threshold and sampling; <see cref="CompareOptions.Default"/> when null.</param>
    /// <returns>The comparison, for further checks.</returns>
    /// <exception cref="PerformanceAssertionException">The verdict is <see cref="Verdict.Slower"/> (or inconclusive, when configured to fail).</exception>
    public static Comparison NotSlower<TState>(TState state, Action<TState> baseline, Action<TState> candidate, CompareOptions? options = null)
    {
        options ??= CompareOptions.Default;
        return CheckNotSlower(Bench.Compare(state, baseline, candidate, options), options);
    }

    /// <summary>
    /// Asserts that <paramref name="candidate"/> is faster than <paramref name="baseline"/> by at least
    /// <paramref name="minimumSpeedup"/>: the verdict is <see cref="Verdict.Faster"/> and the whole interval of the
    /// speed-up (baseline time / candidate time) lies at or above it.
    /// </summary>
    /// <param name="baseline">The reference code.</param>
    /// <param name="candidate">The code under judgement.</param>
    /// <param name="minimumSpeedup">The least speed-up that passes, as a factor: 1.5 means at least 1.5 times as fast. 1 or more; 1 asks only for a significant speed-up beyond the noise threshold.</param>
    /// <param name="options">Significance, noise threshold and sampling; <see cref="CompareOptions.Default"/> when null.</param>
    /// <returns>The comparison, for further checks.</returns>
    /// <exception cref="PerformanceAssertionException">The candidate is not faster, or its whole speed-up interval lies below <paramref name="minimumSpeedup"/> (or inconclusive, when configured to fail).</exception>
    public static Comparison Faster(Action baseline, Action candidate, double minimumSpeedup = 1, CompareOptions? options = null)
    {
        ValidateSpeedup(minimumSpeedup);
        options ??= CompareOptions.Default;
        return CheckFaster(Bench.Compare(baseline, candidate, options), minimumSpeedup, options);
    }

    /// <summary>Asserts that <paramref name="candidate"/> is faster than <paramref name="baseline"/> by at least <paramref name="minimumSpeedup"/>, passing both <paramref name="state"/>.</summary>
    /// <typeparam name="TState">The type of the state.</typeparam>
    /// <param name="state">The value passed to every call of both bodies.</param>
    /// <param name="baseline">The reference code.</param>
    /// <param name="candidate">The code under judgement.</param>
    /// <param name="minimumSpeedup">The least speed-up that passes, as a factor; 1 or more.</param>
    /// <param name="options">Significance, noise threshold and sampling; <see cref="CompareOptions.Default"/> when null.</param>
    /// <returns>The comparison, for further checks.</returns>
    /// <exception cref="PerformanceAssertionException">The candidate is not faster, or its whole speed-up interval lies below <paramref name="minimumSpeedup"/> (or inconclusive, when configured to fail).</exception>
    public static Comparison Faster<TState>(TState state, Action<TState> baseline, Action<TState> candidate, double minimumSpeedup = 1, CompareOptions? options = null)
    {
        ValidateSpeedup(minimumSpeedup);
        options ??= CompareOptions.Default;
        return CheckFaster(Bench.Compare(state, baseline, candidate, options), minimumSpeedup, options);
    }

    internal static Comparison CheckNotSlower(Comparison comparison, CompareOptions options)
    {
        switch (comparison.Verdict)
        {
            case Verdict.Slower:
                throw new PerformanceAssertionException(
                    $"Expected the candidate not to be slower than the baseline, but it is {TimeText.Percent(comparison.Change)} slower.\n{comparison}\n" +
                    "What to do: profile the candidate (a regression this size reproduces), or, if the slowdown is intended, assert against the new code as the baseline.",
                    comparison);
            case Verdict.Inconclusive:
                Inconclusive("not slower", comparison, options);
                break;
        }

        return comparison;
    }

    internal static Comparison CheckFaster(Comparison comparison, double minimumSpeedup, CompareOptions options)
    {
        double speedupLow = 1 / (1 + comparison.ChangeInterval.Upper);
        double speedupHigh = 1 / (1 + comparison.ChangeInterval.Lower);
        string wanted = minimumSpeedup > 1
            ? string.Create(CultureInfo.InvariantCulture, $"at least {minimumSpeedup:0.###}× as fast as the baseline")
            : "faster than the baseline";
        string measured = string.Create(CultureInfo.InvariantCulture, $"{comparison.Speedup:0.###}× [{speedupLow:0.###}× {speedupHigh:0.###}×]");
        if (comparison.Verdict == Verdict.Faster && speedupLow >= minimumSpeedup)
        {
            return comparison;
        }

        if (comparison.Verdict is Verdict.Slower or Verdict.NoChange || speedupHigh < minimumSpeedup)
        {
            throw new PerformanceAssertionException(
                $"Expected the candidate to be {wanted}, but its speed-up is {measured} ({comparison.Verdict}).\n{comparison}",
                comparison);
        }

        Inconclusive($"{wanted} (speed-up {measured})", comparison, options);
        return comparison;
    }

    private static void Inconclusive(string claim, Comparison comparison, CompareOptions options)
    {
        string message = $"Inconclusive: could not establish that the candidate is {claim}; {comparison.Reason}\n{comparison}";
        if (options.FailOnInconclusive)
        {
            throw new PerformanceAssertionException(message + "\n(The test fails because CompareOptions.FailOnInconclusive is set.)", comparison);
        }

        Note(options.Log, "Meridian.Perf: " + message + "\n(Not a failure: set CompareOptions.FailOnInconclusive to make it one.)");
    }

    /// <summary>Writes a note that does not fail the test: to <paramref name="log"/>, or to <see cref="Console.Out"/> (which NUnit and xunit v3 attach to the test's output).</summary>
    private static void Note(Action<string>? log, string message)
    {
        if (log is not null)
        {
            log(message);
        }
        else
        {
            Console.Out.WriteLine(message);
        }
    }

    private static void ValidateSpeedup(double minimumSpeedup)
    {
        if (!(minimumSpeedup >= 1) || double.IsInfinity(minimumSpeedup))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumSpeedup), minimumSpeedup, "minimumSpeedup is a factor of 1 or more (1.5 means at least 1.5 times as fast).");
        }
    }
}
