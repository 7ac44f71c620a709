namespace Meridian.Perf.Xunit.V3.Tests;

/// <summary>[ZeroAlloc] beside xunit v3's own [Fact] and [Theory], through xunit.runner.visualstudio under VSTest, read back from the TRX file.</summary>
public sealed class ZeroAllocXunitV3Tests(XunitV3FixtureRun fixture) : XunitZeroAllocAcceptance, IClassFixture<XunitV3FixtureRun>
{
    protected override string Passing => "Meridian.Perf.Xunit.V3.Fixture.PassingTests.";
    protected override string Failing => "Meridian.Perf.Xunit.V3.Fixture.FailingTests.";

    protected override FixtureRun Run { get; } = fixture.Run;

    [Theory]
    [InlineData("Skipped", "skipped on purpose")]
    [InlineData("SkippedInsideBody", "skipped from inside the body")]
    public void Skipped_tests_stay_skipped(string test, string reason)
    {
        var result = Run.Single(Failing + test);

        Assert.Equal("NotExecuted", result.Outcome);
        Assert.Equal(reason, result.Message?.Trim());
    }

    [Theory]
    [Trait("Suite", "Reliability")]
    [InlineData("SkippedByExceptionType")]
    [InlineData("UsesTheTestCancellationToken")]
    public void Every_framework_specific_way_a_test_ends_is_measured_or_says_why_not(string shape) => TestEndingShapes.Check(Run.Results, Endings, ExceptionPrefix, shape);

    [Fact]
    [Trait("Suite", "Reliability")]
    public void A_timeout_shorter_than_the_measuring_fails_and_never_passes_silently()
    {
        // Known limit: xunit v3's Timeout covers the whole test pipeline, After attributes included, so ~500 re-calls of a
        // 1 ms body run out a 250 ms timeout. The test fails with xunit's timeout message (measuring stops at the token's
        // cancellation and adds no second failure, which Microsoft.Testing.Platform's TRX report could not place); it
        // never passes.
        var result = Run.Single(Endings + "TimeoutShorterThanMeasuring");

        Assert.Equal("Failed", result.Outcome);
        Assert.Contains("Test execution timed out after 250 milliseconds", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Test Cleanup Failure", string.Join(Environment.NewLine, Run.Results.Select(r => r.TestName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_fixture_test_is_accounted_for() =>
        Assert.True(Run.Results.Count == 42, $"Expected 42 results, got {Run.Results.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, Run.Results.Select(r => r.TestName))}");
}
