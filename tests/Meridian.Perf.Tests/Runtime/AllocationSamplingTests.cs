namespace Meridian.Perf.Tests.Runtime;

/// <summary><see cref="Allocations.SampleTypes"/>: the culprit sampling of a failed assertion, returned as data.</summary>
public sealed class AllocationSamplingTests
{
    private static object? s_sink;

    [Fact]
    public void The_allocated_type_is_sampled_with_a_per_call_estimate_near_the_exact_bytes()
    {
        static void Body() => s_sink = 42;
        var exact = Allocations.Measure(Body);

        var sampling = Allocations.SampleTypes(Body, exact.BytesPerCall!.Value);

        Assert.Null(sampling.Problem);
        var report = sampling.Report!;
        Assert.True(report.AllocationSamples >= 100, report.ToString());
        string boxed = report.Allocations[0].TypeName;
        Assert.Contains("Int32", boxed, StringComparison.Ordinal);
        // ~1 000 samples: the relative error is ~3 %; ±50 % holds even when a busy machine hits the time cap early.
        Assert.InRange(sampling.BytesPerCall(boxed), 12, 36);
        Assert.True(sampling.Calls > 1000, $"{sampling.Calls} calls");
        Assert.Equal(0, sampling.BytesPerCall("No.Such.Type"));
    }

    [Fact]
    public void A_body_that_allocates_nothing_samples_nothing_within_the_time_cap()
    {
        var sampling = Allocations.SampleTypes(static () => { }, 0, new AllocationOptions { CulpritSamplingTime = TimeSpan.FromMilliseconds(100) });

        Assert.Null(sampling.Problem);
        Assert.DoesNotContain(sampling.Report!.Allocations, a => a.TypeName.Contains("Int32", StringComparison.Ordinal));
        Assert.True(sampling.Elapsed < TimeSpan.FromSeconds(5), sampling.Elapsed.ToString());
    }
}
