namespace Meridian.Perf;

/// <summary>
/// Timing of bodies of code inside an ordinary test: a sampler (<see cref="Run(Action, BenchOptions?)"/>) and an
/// interleaved comparison with a statistical verdict (<see cref="Compare(Action, Action, CompareOptions?)"/>).
/// </summary>
/// <remarks>
/// <para>How a body is timed: it runs until the JIT has compiled nothing anywhere in the process for
/// <see cref="BenchOptions.WarmupQuietPeriod"/> (so tier-up has finished), meanwhile calibrating how many calls make a
/// batch of about <see cref="BenchOptions.BatchTime"/>. Each batch is one sample: its elapsed time divided by its
/// calls, minus the harness's own cost per call (measured on an empty body), and its exact allocated bytes
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>, read outside the timed region).</para>
/// <para>A body is called many times and must be idempotent. Make its result observable
/// (<see cref="BlackBox.Consume{T}(T)"/>) so that the JIT cannot delete it.</para>
/// </remarks>
public static partial class Bench
{
    /// <summary>Measures the time and the allocations per call of <paramref name="body"/>.</summary>
    /// <param name="body">The code to time; called many times.</param>
    /// <param name="options">Warm-up and sampling settings; <see cref="BenchOptions.Default"/> when null.</param>
    /// <returns>The samples, their summary and how they were taken.</returns>
    public static BenchResult Run(Action body, BenchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var invoker = new ActionBodyInvoker(body);
        return BenchEngine.Run(ref invoker, options ?? BenchOptions.Default);
    }

    /// <summary>Measures the time and the allocations per call of <paramref name="body"/>, passing it <paramref name="state"/> so that no closure is needed.</summary>
    /// <typeparam name="TState">The type of the state.</typeparam>
    /// <param name="state">The value passed to every call.</param>
    /// <param name="body">The code to time, ideally a <see langword="static"/> lambda.</param>
    /// <param name="options">Warm-up and sampling settings; <see cref="BenchOptions.Default"/> when null.</param>
    /// <returns>The samples, their summary and how they were taken.</returns>
    public static BenchResult Run<TState>(TState state, Action<TState> body, BenchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var invoker = new StateBodyInvoker<TState>(state, body);
        return BenchEngine.Run(ref invoker, options ?? BenchOptions.Default);
    }

    /// <summary>
    /// Compares the time per call of <paramref name="candidate"/> with <paramref name="baseline"/>, running their
    /// batches interleaved in this process (see <see cref="ComparisonMethod.PairedBlocks"/>), and gives a verdict.
    /// </summary>
    /// <param name="baseline">The reference code (A).</param>
    /// <param name="candidate">The code under judgement (B).</param>
    /// <param name="options">Significance, noise threshold, sampling and time budget; <see cref="CompareOptions.Default"/> when null.</param>
    /// <returns>The change, its interval, the p-value and the verdict.</returns>
    public static Comparison Compare(Action baseline, Action candidate, CompareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var a = new ActionBodyInvoker(baseline);
        var b = new ActionBodyInvoker(candidate);
        return ComparisonEngine.Run(ref a, ref b, options ?? CompareOptions.Default);
    }

    /// <summary>Compares two bodies that take the same state, so that no closure is needed (see <see cref="Compare(Action, Action, CompareOptions?)"/>).</summary>
    /// <typeparam name="TState">The type of the state.</typeparam>
    /// <param name="state">The value passed to every call of both bodies.</param>
    /// <param name="baseline">The reference code (A).</param>
    /// <param name="candidate">The code under judgement (B).</param>
    /// <param name="options">Significance, noise threshold, sampling and time budget; <see cref="CompareOptions.Default"/> when null.</param>
    /// <returns>The change, its interval, the p-value and the verdict.</returns>
    public static Comparison Compare<TState>(TState state, Action<TState> baseline, Action<TState> candidate, CompareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var a = new StateBodyInvoker<TState>(state, baseline);
        var b = new StateBodyInvoker<TState>(state, candidate);
        return ComparisonEngine.Run(ref a, ref b, options ?? CompareOptions.Default);
    }
}
