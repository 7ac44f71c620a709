using System.Runtime.CompilerServices;

namespace Meridian.Perf;

/// <summary>
/// Exact per-call allocation measurement and assertions for a body of code, on the current thread.
/// </summary>
/// <remarks>
/// <para>How a body is measured: <see cref="AllocationOptions.WarmupCalls"/> calls first (first-call costs such as
/// static constructors and lazily built caches are not what a test asks about), then
/// <see cref="AllocationOptions.Windows"/> windows of <see cref="AllocationOptions.CallsPerWindow"/> calls, each read
/// exactly from <see cref="GC.GetAllocatedBytesForCurrentThread"/>. The reported figure is the smallest window's bytes per
/// call; an assertion fails only when every window is over budget, so a one-off disturbance never fails a test.</para>
/// <para>What is not counted: allocations made on other threads. When the body hands work to another thread
/// (<c>Task.Run</c>, a continuation that resumes on the thread pool), the report says it is unreliable instead of
/// giving a number, and the assertions fail with that reason. Async bodies run on a single-thread pump, so awaits that
/// really suspend resume on the measuring thread and are measured exactly, unless they use
/// <c>ConfigureAwait(false)</c>.</para>
/// <para>Use <see cref="Region"/> to count only part of a body, leaving arrange and assert code out.</para>
/// </remarks>
public static class Allocations
{
    /// <summary>Measures the bytes <paramref name="body"/> allocates per call on the current thread.</summary>
    /// <param name="body">The code to measure; called repeatedly, so it must be idempotent.</param>
    /// <param name="options">Warm-up and window settings; <see cref="AllocationOptions.Default"/> when null.</param>
    /// <returns>The measurement.</returns>
    public static AllocationReport Measure(Action body, AllocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var invoker = new ActionBodyInvoker(body);
        return AllocationEngine.Run(ref invoker, options ?? AllocationOptions.Default, budget: null);
    }

    /// <summary>Measures the bytes <paramref name="body"/> allocates per call, passing it <paramref name="state"/> so that no closure is needed.</summary>
    /// <typeparam name="TState">The type of the state.</typeparam>
    /// <param name="state">The value passed to every call.</param>
    /// <param name="body">The code to measure, ideally a <see langword="static"/> lambda.</param>
    /// <param name="options">Warm-up and window settings; <see cref="AllocationOptions.Default"/> when null.</param>
    /// <returns>The measurement.</returns>
    public static AllocationReport Measure<TState>(TState state, Action<TState> body, AllocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var invoker = new StateBodyInvoker<TState>(state, body);
        return AllocationEngine.Run(ref invoker, options ?? AllocationOptions.Default, budget: null);
    }

    /// <summary>Measures an async body per call, running its continuations on the current thread (see remarks of <see cref="Allocations"/>).</summary>
    /// <param name="body">The code to measure; called repeatedly, so it must be idempotent.</param>
    /// <param name="options">Warm-up and window settings; <see cref="AllocationOptions.Default"/> when null.</param>
    /// <returns>The measurement; unreliable when work left the measuring thread.</returns>
    // Async lambdas convert to both Func<Task> and Func<ValueTask>; Task is their natural type.
    [OverloadResolutionPriority(1)]
    public static AllocationReport Measure(Func<Task> body, AllocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return AllocationEngine.RunAsync(body, options ?? AllocationOptions.Default);
    }

    /// <summary>Measures a <see cref="ValueTask"/>-returning body per call, running its continuations on the current thread.</summary>
    /// <param name="body">The code to measure; called repeatedly, so it must be idempotent.</param>
    /// <param name="options">Warm-up and window settings; <see cref="AllocationOptions.Default"/> when null.</param>
    /// <returns>The measurement; unreliable when work left the measuring thread.</returns>
    public static AllocationReport Measure(Func<ValueTask> body, AllocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return AllocationEngine.RunAsync(body, options ?? AllocationOptions.Default);
    }

    /// <summary>Asserts that <paramref name="body"/> allocates nothing per call.</summary>
    /// <param name="body">The code to measure.</param>
    /// <param name="options">Warm-up and window settings.</param>
    /// <returns>The measurement, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">Every window allocated, or the measurement was unreliable.</exception>
    public static AllocationReport AssertNone(Action body, AllocationOptions? options = null) => AssertAtMost(0, body, options);

    /// <summary>Asserts that <paramref name="body"/> allocates nothing per call, passing it <paramref name="state"/>.</summary>
    /// <typeparam name="TState">The type of the state.</typeparam>
    /// <param name="state">The value passed to every call.</param>
    /// <param name="body">The code to measure.</param>
    /// <param name="options">Warm-up and window settings.</param>
    /// <returns>The measurement, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">Every window allocated, or the measurement was unreliable.</exception>
    public static AllocationReport AssertNone<TState>(TState state, Action<TState> body, AllocationOptions? options = null) =>
        AssertAtMost(0, state, body, options);

    /// <summary>Asserts that an async body allocates nothing per call.</summary>
    /// <param name="body">The code to measure.</param>
    /// <param name="options">Warm-up and window settings.</param>
    /// <returns>The measurement, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">Every window allocated, or the measurement was unreliable.</exception>
    // Async lambdas convert to both Func<Task> and Func<ValueTask>; Task is their natural type.
    [OverloadResolutionPriority(1)]
    public static AllocationReport AssertNone(Func<Task> body, AllocationOptions? options = null) => AssertAtMost(0, body, options);

    /// <summary>Asserts that a <see cref="ValueTask"/>-returning body allocates nothing per call.</summary>
    /// <param name="body">The code to measure.</param>
    /// <param name="options">Warm-up and window settings.</param>
    /// <returns>The measurement, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">Every window allocated, or the measurement was unreliable.</exception>
    public static AllocationReport AssertNone(Func<ValueTask> body, AllocationOptions? options = null) => AssertAtMost(0, body, options);

    /// <summary>Asserts that <paramref name="body"/> allocates at most <paramref name="bytesPerCall"/> bytes per call.</summary>
    /// <param name="bytesPerCall">The budget, in bytes per call; 0 or more.</param>
    /// <param name="body">The code to measure.</param>
    /// <param name="options">Warm-up and window settings.</param>
    /// <returns>The measurement, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">Every window was over budget, or the measurement was unreliable.</exception>
    public static AllocationReport AssertAtMost(long bytesPerCall, Action body, AllocationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerCall);
        ArgumentNullException.ThrowIfNull(body);
        var invoker = new ActionBodyInvoker(body);
        return AllocationEngine.Run(ref invoker, options ?? AllocationOptions.Default, bytesPerCall);
    }

    /// <summary>Asserts that <paramref name="body"/> allocates at most <paramref name="bytesPerCall"/> bytes per call, passing it <paramref name="state"/>.</summary>
    /// <typeparam name="TState">The type of the state.</typeparam>
    /// <param name="bytesPerCall">The budget, in bytes per call; 0 or more.</param>
    /// <param name="state">The value passed to every call.</param>
    /// <param name="body">The code to measure.</param>
    /// <param name="options">Warm-up and window settings.</param>
    /// <returns>The measurement, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">Every window was over budget, or the measurement was unreliable.</exception>
    public static AllocationReport AssertAtMost<TState>(long bytesPerCall, TState state, Action<TState> body, AllocationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerCall);
        ArgumentNullException.ThrowIfNull(body);
        var invoker = new StateBodyInvoker<TState>(state, body);
        return AllocationEngine.Run(ref invoker, options ?? AllocationOptions.Default, bytesPerCall);
    }

    /// <summary>Asserts that an async body allocates at most <paramref name="bytesPerCall"/> bytes per call.</summary>
    /// <param name="bytesPerCall">The budget, in bytes per call; 0 or more.</param>
    /// <param name="body">The code to measure.</param>
    /// <param name="options">Warm-up and window settings.</param>
    /// <returns>The measurement, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">Every window was over budget, or the measurement was unreliable.</exception>
    // Async lambdas convert to both Func<Task> and Func<ValueTask>; Task is their natural type.
    [OverloadResolutionPriority(1)]
    public static AllocationReport AssertAtMost(long bytesPerCall, Func<Task> body, AllocationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerCall);
        ArgumentNullException.ThrowIfNull(body);
        return AllocationEngine.RunAsync(body, options ?? AllocationOptions.Default, bytesPerCall);
    }

    /// <summary>Asserts that a <see cref="ValueTask"/>-returning body allocates at most <paramref name="bytesPerCall"/> bytes per call.</summary>
    /// <param name="bytesPerCall">The budget, in bytes per call; 0 or more.</param>
    /// <param name="body">The code to measure.</param>
    /// <param name="options">Warm-up and window settings.</param>
    /// <returns>The measurement, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">Every window was over budget, or the measurement was unreliable.</exception>
    public static AllocationReport AssertAtMost(long bytesPerCall, Func<ValueTask> body, AllocationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerCall);
        ArgumentNullException.ThrowIfNull(body);
        return AllocationEngine.RunAsync(body, options ?? AllocationOptions.Default, bytesPerCall);
    }

    /// <summary>Measures a <see cref="ValueTask{TResult}"/>-returning body per call, running its continuations on the current thread.</summary>
    /// <typeparam name="TResult">The body's result type.</typeparam>
    /// <param name="body">The code to measure; called repeatedly, so it must be idempotent.</param>
    /// <param name="options">Warm-up and window settings; <see cref="AllocationOptions.Default"/> when null.</param>
    /// <returns>The measurement; unreliable when work left the measuring thread.</returns>
    public static AllocationReport Measure<TResult>(Func<ValueTask<TResult>> body, AllocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return AllocationEngine.RunAsync(body, options ?? AllocationOptions.Default);
    }

    /// <summary>Asserts that a <see cref="ValueTask{TResult}"/>-returning body allocates nothing per call.</summary>
    /// <typeparam name="TResult">The body's result type.</typeparam>
    /// <param name="body">The code to measure.</param>
    /// <param name="options">Warm-up and window settings.</param>
    /// <returns>The measurement, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">Every window allocated, or the measurement was unreliable.</exception>
    public static AllocationReport AssertNone<TResult>(Func<ValueTask<TResult>> body, AllocationOptions? options = null) => AssertAtMost(0, body, options);

    /// <summary>Asserts that a <see cref="ValueTask{TResult}"/>-returning body allocates at most <paramref name="bytesPerCall"/> bytes per call.</summary>
    /// <typeparam name="TResult">The body's result type.</typeparam>
    /// <param name="bytesPerCall">The budget, in bytes per call; 0 or more.</param>
    /// <param name="body">The code to measure.</param>
    /// <param name="options">Warm-up and window settings.</param>
    /// <returns>The measurement, for further checks.</returns>
    /// <exception cref="AllocationAssertionException">Every window was over budget, or the measurement was unreliable.</exception>
    public static AllocationReport AssertAtMost<TResult>(long bytesPerCall, Func<ValueTask<TResult>> body, AllocationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerCall);
        ArgumentNullException.ThrowIfNull(body);
        return AllocationEngine.RunAsync(body, options ?? AllocationOptions.Default, bytesPerCall);
    }

    /// <summary>
    /// Marks the part of a body that a measurement counts: inside <see cref="Measure(Action, AllocationOptions?)"/>,
    /// the assertions and <c>[ZeroAlloc]</c> tests, once a body enters a region only regions are counted, so arrange
    /// and assert code (a test framework's <c>Assert.Equal</c> allocates hundreds of bytes) stays out. Outside a
    /// measurement the region does nothing, so the same test body also runs normally.
    /// </summary>
    /// <returns>The region; dispose it to end it (<c>using (Allocations.Region()) { ... }</c>).</returns>
    public static AllocationRegion Region() => RegionAccumulator.Enter();

    /// <summary>
    /// Runs <paramref name="body"/> under the runtime's allocation sampling (about one sample per 100 KB allocated) for
    /// as many calls as about a thousand samples need at <paramref name="bytesPerCall"/>, or until
    /// <see cref="AllocationOptions.CulpritSamplingTime"/> runs out, and returns the allocated types with their estimated
    /// bytes: the culprit sampling of a failed assertion, as data. Warm the body up first (a measurement does).
    /// </summary>
    /// <param name="body">The code to sample.</param>
    /// <param name="bytesPerCall">Its bytes per call (e.g. <see cref="AllocationReport.BytesPerCall"/>), which decides how many calls are needed.</param>
    /// <param name="options">The time cap; <see cref="AllocationOptions.Default"/> when null.</param>
    /// <returns>The sampled types, or why there are none.</returns>
    public static AllocationSampling SampleTypes(Action body, double bytesPerCall, AllocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var invoker = new ActionBodyInvoker(body);
        var sampling = AllocationCulprits.Sample(ref invoker, bytesPerCall, options ?? AllocationOptions.Default);
        return new AllocationSampling(sampling.Report, sampling.Calls, sampling.Elapsed, sampling.Problem);
    }
}
