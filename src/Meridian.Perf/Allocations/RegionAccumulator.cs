namespace Meridian.Perf;

/// <summary>Per-thread sums of the <see cref="AllocationRegion"/>s entered while a window is being measured.</summary>
internal static class RegionAccumulator
{
    [ThreadStatic]
    private static bool t_windowOpen;

    [ThreadStatic]
    private static int t_depth;

    [ThreadStatic]
    private static int t_entered;

    [ThreadStatic]
    private static long t_bytes;

    public static AllocationRegion Enter()
    {
        if (!t_windowOpen)
        {
            return default;
        }

        t_entered++;
        if (t_depth++ > 0)
        {
            // Nested: the outermost region already counts these bytes.
            return new AllocationRegion(-1);
        }

        return new AllocationRegion(GC.GetAllocatedBytesForCurrentThread());
    }

    public static void Exit(long startBytes)
    {
        long now = GC.GetAllocatedBytesForCurrentThread();
        if (!t_windowOpen || t_depth == 0)
        {
            // Disposed on another thread, or after the window closed: the thread-leave check reports it.
            return;
        }

        t_depth--;
        if (startBytes >= 0)
        {
            t_bytes += now - startBytes;
        }
    }

    public static void OpenWindow()
    {
        t_depth = 0;
        t_entered = 0;
        t_bytes = 0;
        t_windowOpen = true;
    }

    /// <summary>Closes the window; returns whether any region was entered and, if so, the bytes they allocated.</summary>
    public static bool CloseWindow(out long regionBytes)
    {
        t_windowOpen = false;
        regionBytes = t_bytes;
        return t_entered > 0;
    }
}
