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

    /// <summary>Gets the current thread's instance, creating it on the thread's first scope.</summary>
    public static OpenScopes ForCurrentThread => t_current ??= new OpenScopes();

    /// <summary>Gets the current thread's instance, or null when the thread never opened a scope.</summary>
    public static OpenScopes? CurrentOrNull => t_current;

    public long Open()
    {
        if (_count == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
        }

        long id = ++_lastId;
        _ids[_count++] = id;
        return id;
    }

    public bool Contains(long id) => IndexOf(id) >= 0;

    public bool Close(long id)
    {
        // Scopes are almost always ended innermost first.
        if (_count > 0 && _ids[_count - 1] == id)
        {
            _count--;
            return true;
        }

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
