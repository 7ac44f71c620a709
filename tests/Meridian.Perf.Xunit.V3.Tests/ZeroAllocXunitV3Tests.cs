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

    [Fact]
    public void Every_fixture_test_is_accounted_for() =>
        Assert.True(Run.Results.Count == 30, $"Expected 30 results, got {Run.Results.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, Run.Results.Select(r => r.TestName))}");
}
