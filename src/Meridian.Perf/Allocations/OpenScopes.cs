using System.Runtime.CompilerServices;

namespace Meridian.Perf;

/// <summary>
/// The <see cref="AllocationScope"/>s open on one thread, so that ending a scope twice is caught even when the struct was
/// copied. One instance per thread, reached with a single thread-static read; no locking, and no allocation after a
/// thread's first scope. A scope keeps a reference to its thread's instance, which is also how a scope ended on another
/// thread is recognised.
/// </summary>
internal sealed class OpenScopes
{
    [ThreadStatic]
    private static OpenScopes? t_current;

    private long[] _ids = new long[16];
    private int _count;
    private long _lastId;

    private OpenScopes() => ThreadId = Environment.CurrentManagedThreadId;

    /// <summary>Gets the managed id of the thread this instance belongs to.</summary>
    public int ThreadId { get; }

    // Begin and End are a few nanoseconds over the two counter reads they wrap (issue 19): the common paths below are
    // inlined into them, one thread-static read each, and everything rare (a thread's first scope, growth, ending a
    // scope that is not the innermost) is a call out of line.

    /// <summary>Gets the current thread's instance, creating it on the thread's first scope.</summary>
    public static OpenScopes ForCurrentThread
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_current ?? CreateForCurrentThread();
    }

    /// <summary>Gets the current thread's instance, or null when the thread never opened a scope.</summary>
    public static OpenScopes? CurrentOrNull
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_current;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Open()
    {
        int count = _count;
        var ids = _ids;
        if ((uint)count >= (uint)ids.Length)
        {
            ids = Grow();
        }

        long id = ++_lastId;
        ids[count] = id;
        _count = count + 1;
        return id;
    }

    public bool Contains(long id) => IndexOf(id) >= 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Close(long id)
    {
        // Scopes are almost always ended innermost first.
        int top = _count - 1;
        var ids = _ids;
        if ((uint)top < (uint)ids.Length && ids[top] == id)
        {
            _count = top;
            return true;
        }

        return CloseOutOfOrder(id);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static OpenScopes CreateForCurrentThread() => t_current = new OpenScopes();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long[] Grow()
    {
        Array.Resize(ref _ids, _ids.Length * 2);
        return _ids;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool CloseOutOfOrder(long id)
    {
        int index = IndexOf(id);
        if (index < 0)
        {
            return false;
        }

        Array.Copy(_ids, index + 1, _ids, index, _count - index - 1);
        _count--;
        return true;
    }

    private int IndexOf(long id)
    {
        for (int i = _count - 1; i >= 0; i--)
        {
            if (_ids[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
