namespace Meridian.Perf;

/// <summary>The measuring loop behind <see cref="Allocations"/>: the one place the rules of an allocation measurement live.</summary>
internal static class AllocationEngine
{
    public static AllocationReport Run<TInvoker>(ref TInvoker invoker, AllocationOptions options)
        where TInvoker : struct, IBodyInvoker
    {
        var windowBytes = new long[options.Windows];
        bool regionsUsed = false;
        RuntimeCounters counters;
        ThreadLeaveTracker tracker;
        using (var installation = ThreadLeaveTracker.Install())
        {
            tracker = installation.Tracker;
            for (int i = 0; i < options.WarmupCalls; i++)
            {
                invoker.Invoke();
            }

            var before = RuntimeCounters.Capture();
            for (int window = 0; window < windowBytes.Length; window++)
            {
                windowBytes[window] = MeasureWindow(ref invoker, options.CallsPerWindow, out bool windowUsedRegions);
                regionsUsed |= windowUsedRegions;
            }

            counters = RuntimeCounters.Capture() - before;
        }

        string? unreliable = tracker.Leaves == 0
            ? null
            : $"work left the measuring thread (the body's work ran on thread {tracker.OtherThreadId} {tracker.Leaves} time(s), " +
              "where the per-thread counter cannot see what it allocates)";
        return new AllocationReport(windowBytes, options, MeasurementMode.Current, counters, regionsUsed, invoker.IsAsync, unreliable);
    }

    /// <summary>
    /// Measures, then checks against <paramref name="budget"/> when one is given. An over-budget body is run again under
    /// allocation sampling to name its likely culprits (unless <see cref="AllocationOptions.NameCulprits"/> is off),
    /// with the same invoker, so async bodies are sampled on the same pump they were measured on.
    /// </summary>
    public static AllocationReport Run<TInvoker>(ref TInvoker invoker, AllocationOptions options, long? budget)
        where TInvoker : struct, IBodyInvoker
    {
        var report = Run(ref invoker, options);
        Results.ResultsSink.Recorded(report, budget);
        if (budget is not { } limit)
        {
            return report;
        }

        AllocationCulprits.Sampling? culprits = options.NameCulprits && AllocationVerdict.IsOverBudget(limit, report)
            ? AllocationCulprits.Sample(ref invoker, report.BytesPerCall!.Value, options)
            : null;
        return AllocationVerdict.Check(limit, report, culprits);
    }

    public static AllocationReport RunAsync(Func<Task> body, AllocationOptions options, long? budget = null) =>
        WithPump(body, options, budget, static (body, pump, options, budget) =>
        {
            var invoker = new TaskBodyInvoker(body, pump);
            return Run(ref invoker, options, budget);
        });

    public static AllocationReport RunAsync(Func<ValueTask> body, AllocationOptions options, long? budget = null) =>
        WithPump(body, options, budget, static (body, pump, options, budget) =>
        {
            var invoker = new ValueTaskBodyInvoker(body, pump);
            return Run(ref invoker, options, budget);
        });

    public static AllocationReport RunAsync<TResult>(Func<ValueTask<TResult>> body, AllocationOptions options, long? budget = null) =>
        WithPump(body, options, budget, static (body, pump, options, budget) =>
        {
            var invoker = new ValueTaskResultBodyInvoker<TResult>(body, pump);
            return Run(ref invoker, options, budget);
        });

    /// <summary>Measures a test method's body for <see cref="Testing.TestBodyAllocations"/>: as <see cref="Run{TInvoker}(ref TInvoker, AllocationOptions, long?)"/>, with the framework's passing exceptions ending a call normally.</summary>
    public static AllocationReport RunTestBody(Action body, AllocationOptions options, long budget, Testing.TestEndingRules endings)
    {
        var invoker = new TestEndingInvoker<ActionBodyInvoker>(new ActionBodyInvoker(body), endings);
        return Run(ref invoker, options, budget);
    }

    /// <inheritdoc cref="RunTestBody(Action, AllocationOptions, long, Testing.TestEndingRules)"/>
    public static AllocationReport RunTestBody(Func<Task> body, AllocationOptions options, long budget, Testing.TestEndingRules endings) =>
        WithPump((body, endings), options, budget, static (state, pump, options, budget) =>
        {
            var invoker = new TestEndingInvoker<TaskBodyInvoker>(new TaskBodyInvoker(state.body, pump), state.endings);
            return Run(ref invoker, options, budget);
        });

    /// <inheritdoc cref="RunTestBody(Action, AllocationOptions, long, Testing.TestEndingRules)"/>
    public static AllocationReport RunTestBody(Func<ValueTask> body, AllocationOptions options, long budget, Testing.TestEndingRules endings) =>
        WithPump((body, endings), options, budget, static (state, pump, options, budget) =>
        {
            var invoker = new TestEndingInvoker<ValueTaskBodyInvoker>(new ValueTaskBodyInvoker(state.body, pump), state.endings);
            return Run(ref invoker, options, budget);
        });

    /// <inheritdoc cref="RunTestBody(Action, AllocationOptions, long, Testing.TestEndingRules)"/>
    public static AllocationReport RunTestBody<TResult>(Func<ValueTask<TResult>> body, AllocationOptions options, long budget, Testing.TestEndingRules endings) =>
        WithPump((body, endings), options, budget, static (state, pump, options, budget) =>
        {
            var invoker = new TestEndingInvoker<ValueTaskResultBodyInvoker<TResult>>(new ValueTaskResultBodyInvoker<TResult>(state.body, pump), state.endings);
            return Run(ref invoker, options, budget);
        });

    private static AllocationReport WithPump<TBody>(
        TBody body,
        AllocationOptions options,
        long? budget,
        Func<TBody, SingleThreadPump, AllocationOptions, long?, AllocationReport> run)
    {
        var previous = SynchronizationContext.Current;
        var pump = new SingleThreadPump();
        SynchronizationContext.SetSynchronizationContext(pump);
        try
        {
            return run(body, pump, options, budget);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static long MeasureWindow<TInvoker>(ref TInvoker invoker, int calls, out bool usedRegions)
        where TInvoker : struct, IBodyInvoker
    {
        RegionAccumulator.OpenWindow();
        long start = GC.GetAllocatedBytesForCurrentThread();
        for (int call = 0; call < calls; call++)
        {
            invoker.Invoke();
        }

        long end = GC.GetAllocatedBytesForCurrentThread();
        usedRegions = RegionAccumulator.CloseWindow(out long regionBytes);
        return usedRegions ? regionBytes : end - start;
    }
}
