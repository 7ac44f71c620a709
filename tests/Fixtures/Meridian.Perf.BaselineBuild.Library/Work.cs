namespace Meridian.Perf.BaselineBuildLibrary;

/// <summary>Methods whose cost differs between version 1 and version 2 by large, known amounts.</summary>
public static class Work
{
    private const int Steps = 300;

    private static object? s_kept;

    /// <summary>The same in both versions; allocates nothing.</summary>
    public static long Unchanged(long seed) => Chain(seed, Steps);

#if LIBRARY_V2
    /// <summary>Version 2: four times the work of version 1.</summary>
    public static long Regressed(long seed) => Chain(seed, Steps * 4);

    /// <summary>Version 2: one boxed <see cref="long"/> (24 B) per call more than version 1.</summary>
    public static long Allocating(long seed)
    {
        long value = Chain(seed, Steps);
        s_kept = new byte[8];
        s_kept = value;
        return value;
    }

    /// <summary>Only in version 2.</summary>
    public static long NewInV2(long seed) => Chain(seed, Steps);
#else
    /// <summary>Version 1.</summary>
    public static long Regressed(long seed) => Chain(seed, Steps);

    /// <summary>Version 1: one 8-byte array (32 B) per call.</summary>
    public static long Allocating(long seed)
    {
        long value = Chain(seed, Steps);
        s_kept = new byte[8];
        return value;
    }
#endif

    private static long Chain(long seed, int steps)
    {
        long x = seed;
        for (int i = 0; i < steps; i++)
        {
            x = (x * 6364136223846793005L) + 1442695040888963407L;
        }

        return x;
    }
}
