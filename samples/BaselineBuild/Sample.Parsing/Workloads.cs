namespace Sample.Parsing;

/// <summary>Four methods of about a microsecond each, whose cost changes between version 1 and version 2 by a known amount.</summary>
public static class Workloads
{
    private const int Steps = 1000;

    private static Reading? s_last;
#if SAMPLE_V2
    private static object? s_boxed;
#endif

    /// <summary>The same in both versions.</summary>
    public static long Unchanged(long seed) => Chain(seed, Steps);

#if SAMPLE_V2
    /// <summary>Version 2: 1.3 times the work of version 1.</summary>
    public static long Slower(long seed) => Chain(seed, Steps * 13 / 10);

    /// <summary>Version 2: half the work of version 1.</summary>
    public static long Faster(long seed) => Chain(seed, Steps / 2);

    /// <summary>Version 2: the same work, and one more 24-byte object per call (a boxed <see cref="long"/>).</summary>
    public static long Allocating(long seed)
    {
        long value = Chain(seed, Steps);
        s_last = new Reading(value);
        s_boxed = value;
        return value;
    }

    /// <summary>Only in version 2.</summary>
    public static long NewInV2(long seed) => Chain(seed, Steps);
#else
    /// <summary>Version 1.</summary>
    public static long Slower(long seed) => Chain(seed, Steps);

    /// <summary>Version 1.</summary>
    public static long Faster(long seed) => Chain(seed, Steps);

    /// <summary>Version 1: one 24-byte object per call.</summary>
    public static long Allocating(long seed)
    {
        long value = Chain(seed, Steps);
        s_last = new Reading(value);
        return value;
    }
#endif

    /// <summary>A chain of dependent multiply-adds: its time is proportional to <paramref name="steps"/> and it cannot be folded away.</summary>
    private static long Chain(long seed, int steps)
    {
        long x = seed;
        for (int i = 0; i < steps; i++)
        {
            x = (x * 6364136223846793005L) + 1442695040888963407L;
        }

        return x;
    }

    /// <summary>8 B of header, 8 B of method table pointer, 8 B of value: 24 B per object on 64-bit.</summary>
    private sealed class Reading(long value)
    {
        public long Value { get; } = value;
    }
}
