namespace Meridian.Perf;

/// <summary>
/// A <see cref="SynchronizationContext"/> that runs every posted continuation on the one thread that pumps it, so an
/// async body that suspends resumes on the measuring thread and its allocations stay visible to the per-thread
/// counter. Posting and pumping allocate nothing once the queue has grown to the body's needs.
/// </summary>
internal sealed class SingleThreadPump : SynchronizationContext
{
    private readonly object _gate = new();
    private readonly int _threadId = Environment.CurrentManagedThreadId;
    private WorkItem[] _queue = new WorkItem[32];
    private int _head;
    private int _count;

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            if (_count == _queue.Length)
            {
                Grow();
            }

            _queue[(_head + _count) % _queue.Length] = new WorkItem(d, state);
            _count++;
            Monitor.Pulse(_gate);
        }
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (Environment.CurrentManagedThreadId == _threadId)
        {
            d(state);
            return;
        }

        base.Send(d, state);
    }

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs posted work on this thread until <paramref name="pending"/> completes, then drains what is left and rethrows its exception, if any.</summary>
    public void RunUntilComplete(ValueTask pending)
    {
        while (!pending.IsCompleted)
        {
            RunOneOrWait();
        }

        Drain();
        pending.GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="RunUntilComplete(ValueTask)"/>
    public void RunUntilComplete<TResult>(ValueTask<TResult> pending)
    {
        while (!pending.IsCompleted)
        {
            RunOneOrWait();
        }

        Drain();
        pending.GetAwaiter().GetResult();
    }

    private void RunOneOrWait()
    {
        if (TryRunOne())
        {
            return;
        }

        lock (_gate)
        {
            // A body completed on another thread does not pulse the gate, hence the short timeout.
            if (_count == 0)
            {
                Monitor.Wait(_gate, 1);
            }
        }
    }

    private void Drain()
    {
        while (TryRunOne())
        {
        }
    }

    private bool TryRunOne()
    {
        WorkItem item;
        lock (_gate)
        {
            if (_count == 0)
            {
                return false;
            }

            item = _queue[_head];
            _queue[_head] = default;
            _head = (_head + 1) % _queue.Length;
            _count--;
        }

        item.Callback(item.State);
        return true;
    }

    private void Grow()
    {
        var larger = new WorkItem[_queue.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            larger[i] = _queue[(_head + i) % _queue.Length];
        }

        _queue = larger;
        _head = 0;
    }

    private readonly record struct WorkItem(SendOrPostCallback Callback, object? State);
}
