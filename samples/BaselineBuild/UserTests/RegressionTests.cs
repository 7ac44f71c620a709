// The test file of the baseline-build sample's user project (run-acceptance.sh copies it into a project made with
// `dotnet new xunit`). Each check records what it found in the file named by RESULT_LOG, so the script can count
// verdicts over many runs; apart from that, it is what a user writes.
using Meridian.Perf;

namespace Sample.Parsing.Tests;

/// <summary>Body factories: each builds its state and returns the code to time; called once per build.</summary>
public static class Bodies
{
    public static Action Unchanged()
    {
        long seed = Environment.TickCount64;
        return () => BlackBox.Consume(Workloads.Unchanged(seed));
    }

    public static Action Slower()
    {
        long seed = Environment.TickCount64;
        return () => BlackBox.Consume(Workloads.Slower(seed));
    }

    public static Action Faster()
    {
        long seed = Environment.TickCount64;
        return () => BlackBox.Consume(Workloads.Faster(seed));
    }

    public static Action Allocating()
    {
        long seed = Environment.TickCount64;
        return () => BlackBox.Consume(Workloads.Allocating(seed));
    }
}

public class RegressionTests
{
    [Fact]
    public void Unchanged_is_not_slower() => Recorded.Check("Unchanged", () => PerfAssert.NotSlowerThanBaselineBuild(Bodies.Unchanged));

    [Fact]
    public void Slower_is_not_slower() => Recorded.Check("Slower", () => PerfAssert.NotSlowerThanBaselineBuild(Bodies.Slower));

    [Fact]
    public void Faster_is_at_least_1_5_times_as_fast() => Recorded.Check("Faster", () => PerfAssert.FasterThanBaselineBuild(Bodies.Faster, 1.5));

    [Fact]
    public void Allocating_allocates_no_more() => Recorded.Check("AllocatingAssert", () => PerfAssert.AllocatesNoMoreThanBaselineBuild(Bodies.Allocating));

    [Fact]
    public void Allocating_bytes_per_call() => Recorded.Check("AllocatingBytes", () => BaselineBuild.CompareAllocations(Bodies.Allocating));
}

internal static class Recorded
{
    public static void Check(string name, Func<BaselineBuildComparison> check)
    {
        string outcome = "error";
        try
        {
            var result = check();
            outcome = $"passed|{result.Verdict}|{result.Timing?.Change:0.0000}|{result.BaselineBytesPerCall}|{result.CurrentBytesPerCall}|{result.Elapsed.TotalSeconds:0.000}|{result.ContextLoadTime.TotalMilliseconds:0}|{result.NotComparedReason?.Split('\n')[0]}";
        }
        catch (PerformanceAssertionException e)
        {
            outcome = $"failed|{e.Comparison?.Verdict}|{e.Comparison?.Change:0.0000}|||||{e.Message.Split('\n')[0]}";
            throw;
        }
        catch (AllocationAssertionException e)
        {
            outcome = $"failed|alloc|||{e.Report?.BytesPerCall}||||{e.Message.Split('\n')[0]}";
            throw;
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("RESULT_LOG") is { Length: > 0 } log)
            {
                File.AppendAllText(log, $"{name}|{outcome}{Environment.NewLine}");
            }
        }
    }
}
