namespace Meridian.Perf.Profiling.Tests;

/// <summary>The test assembly's entry point, used only by <see cref="DiagnosticsUnavailableTests"/> to profile in a child
/// process whose environment turns diagnostics off. The test runner never calls it.</summary>
public static class Program
{
    public const string ProbeArgument = "profile-without-diagnostics";

    public static int Main(string[] args)
    {
        if (args is not [ProbeArgument])
        {
            return 1;
        }

        try
        {
            CpuProfiler.Profile(() => Thread.Sleep(10));
            Console.WriteLine("profiled");
            return 0;
        }
        catch (ProfilingUnavailableException error)
        {
            Console.WriteLine(error.Message);
            return 3;
        }
    }
}
