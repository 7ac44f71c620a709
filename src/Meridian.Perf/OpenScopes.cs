namespace Meridian.Perf;

/// <summary>
/// The ids of the <see cref="AllocationScope"/>s open on the current thread, so that ending a scope twice is caught
/// even when the struct was copied. Kept per thread, so no locking and no allocation after a thread's first scope.
/// </summary>
internal static class OpenScopes
{
    [ThreadStatic]
    private static long[]? t_ids;

    [ThreadStatic]
    private static int t_count;

    [ThreadStatic]
    private static long t_lastId;

    public static long Open()
    {
        var ids = t_ids ??= new long[16];
        if (t_count == ids.Length)
        {
            Array.Resize(ref t_ids, ids.Length * 2);
            ids = t_ids;
        }

        long id = ++t_lastId;
        ids[t_count++] = id;
        return id;
    }

    public static bool Contains(long id) => IndexOf(id) >= 0;

    public static bool Close(long id)
    {
        int index = IndexOf(id);
        if (index < 0)
        {
            return false;
        }

        var ids = t_ids!;
        // Scopes are almost always ended innermost first, so this loop rarely runs.
        for (int i = index; i < t_count - 1; i++)
        {
            ids[i] = ids[i + 1];
        }

        t_count--;
        return true;
    }

    private static int IndexOf(long id)
    {
        var ids = t_ids;
        if (ids is null)
        {
            return -1;
        }

        for (int i = t_count - 1; i >= 0; i--)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
