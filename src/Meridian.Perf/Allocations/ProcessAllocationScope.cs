namespace Meridian.Perf;

/// <summary>
/// Counts the bytes allocated by every thread of the process between <see cref="Begin"/> and <see cref="End"/>,
/// over <see cref="GC.GetTotalAllocatedBytes(bool)"/> with <c>precise: true</c>.
/// </summary>
/// <remarks>
/// <para>Use it for work that spans threads (<c>Task.Run</c>, <c>Parallel.For</c>, async code that resumes on the
/// thread pool), which <see cref="AllocationScope"/> cannot see.</para>
/// <para>Its limits: it counts everything the process allocates in the window, so tests running in parallel, the test
/// runner's own timers and message loops, and any background work pollute it; isolate such tests from parallel ones
/// and allow for the noise. A precise read costs about half a microsecond. Beginning a scope allocates the scope
/// object itself (before its window opens, so it is not in its own count). It may be ended on any thread, once.</para>
/// </remarks>
public sealed class ProcessAllocationScope : IDisposable
{
    private long _startBytes;
    private long _endBytes = -1;

    private ProcessAllocationScope()
    {
    }

    /// <summary>Begins counting allocations on all threads of the process.</summary>
    /// <returns>The open scope.</returns>
    public static ProcessAllocationScope Begin()
    {
        // The object is allocated before the counter is read, so it is not part of its own window.
        var scope = new ProcessAllocationScope();
        scope._startBytes = GC.GetTotalAllocatedBytes(precise: true);
        return scope;
    }

    /// <summary>Gets whether the scope has not been ended yet.</summary>
    public bool IsOpen => Volatile.Read(ref _endBytes) < 0;

    /// <summary>Ends the scope and returns the bytes allocated by all threads since <see cref="Begin"/>.</summary>
    /// <returns>The bytes allocated process-wide inside the scope.</returns>
    /// <exception cref="InvalidOperationException">The scope was already ended.</exception>
    public long End()
    {
        long now = GC.GetTotalAllocatedBytes(precise: true);
        if (Interlocked.CompareExchange(ref _endBytes, now, -1) != -1)
        {
            throw new InvalidOperationException(
                "ProcessAllocationScope.End() was called on a scope that has already ended. End a scope once; Dispose() after End() is allowed.");
        }

        return now - _startBytes;
    }

    /// <summary>Ends the scope if it is still open.</summary>
    public void Dispose()
    {
        // A precise read walks every thread's allocation context; skip it for the usual End() then Dispose().
        if (IsOpen)
        {
            Interlocked.CompareExchange(ref _endBytes, GC.GetTotalAllocatedBytes(precise: true), -1);
        }
    }
}
