using Meridian.Perf.BaselineBuildLibrary;

namespace Meridian.Perf.BaselineBuildFixture;

/// <summary>Body factories: each builds its state and returns the code to time, once per build.</summary>
public static class Bodies
{
    public static Action Unchanged()
    {
        long seed = Environment.TickCount64;
        return () => BlackBox.Consume(Work.Unchanged(seed));
    }

    public static Action Regressed()
    {
        long seed = Environment.TickCount64;
        return () => BlackBox.Consume(Work.Regressed(seed));
    }

    public static Action Allocating()
    {
        long seed = Environment.TickCount64;
        return () => BlackBox.Consume(Work.Allocating(seed));
    }

    public static Action NewInV2()
    {
        long seed = Environment.TickCount64;
        return () => BlackBox.Consume(Work.NewInV2(seed));
    }
}
