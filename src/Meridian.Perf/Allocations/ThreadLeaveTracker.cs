namespace Meridian.Perf;

/// <summary>
/// Notices when work started by a measured body runs on another thread. The tracker rides in an
/// <see cref="AsyncLocal{T}"/>, so it flows with the execution context into continuations, <c>Task.Run</c>, timers and
/// thread-pool callbacks; the runtime calls back whenever that context is installed on a thread, and a callback on a
/// thread other than the measuring one means allocations were made where the per-thread counter cannot see them.
/// </summary>
internal sealed class ThreadLeaveTracker
{
    private static readonly AsyncLocal<ThreadLeaveTracker?> Current = new(OnContextChanged);

    private readonly int _threadId = Environment.CurrentManagedThreadId;
    private int _otherThreadId;
    private int _leaves;

    public int Leaves => Volatile.Read(ref _leaves);

    public int OtherThreadId => Volatile.Read(ref _otherThreadId);

    /// <summary>Installs a new tracker in the current execution context; dispose the result to restore the previous one.</summary>
    public static Installation Install()
    {
        var previous = Current.Value;
        var tracker = new ThreadLeaveTracker();
        Current.Value = tracker;
        return new Installation(tracker, previous);
    }

    private static void OnContextChanged(AsyncLocalValueChangedArgs<ThreadLeaveTracker?> change)
    {
        if (change.CurrentValue is { } tracker && Environment.CurrentManagedThreadId != tracker._threadId)
        {
            Volatile.Write(ref tracker._otherThreadId, Environment.CurrentManagedThreadId);
            Interlocked.Increment(ref tracker._leaves);
        }
    }

    internal readonly struct Installation : IDisposable
    {
        private readonly ThreadLeaveTracker? _previous;

        public Installation(ThreadLeaveTracker tracker, ThreadLeaveTracker? previous)
        {
            Tracker = tracker;
            _previous = previous;
        }

        public ThreadLeaveTracker Tracker { get; }

        public void Dispose() => Current.Value = _previous;
    }
}
