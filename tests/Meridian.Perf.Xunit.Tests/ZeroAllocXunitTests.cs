namespace Meridian.Perf.Xunit.Tests;

/// <summary>
/// [ZeroAllocFact], [ZeroAllocTheory] and, under ZeroAllocTestFramework, plain [ZeroAlloc] beside xunit v2's own
/// [Fact] and [Theory], through xunit.runner.visualstudio under VSTest, read back from the TRX file.
/// </summary>
public sealed class ZeroAllocXunitTests(XunitFixtureRun fixture) : XunitZeroAllocAcceptance, IClassFixture<XunitFixtureRun>
{
    protected override string Passing => "Meridian.Perf.Xunit.Fixture.PassingTests.";
    protected override string Failing => "Meridian.Perf.Xunit.Fixture.FailingTests.";
    private const string Plain = "Meridian.Perf.Xunit.Fixture.PlainAttributeTests.";

    protected override FixtureRun Run { get; } = fixture.Run;

    [Fact]
    public void A_skipped_test_stays_skipped()
    {
        var result = Run.Single(Failing + "Skipped");

        Assert.Equal("NotExecuted", result.Outcome);
        Assert.Equal("skipped on purpose", result.Message?.Trim());
    }

    [Theory]
    [InlineData("EmptyBody")]
    [InlineData("NonSerializableMemberData(payload: 10)")]
    public void Plain_ZeroAlloc_beside_Fact_and_Theory_passes_within_budget(string test) => ZeroAllocExpectations.Passed(Run.Single(Plain + test));

    [Theory]
    [InlineData("Boxing", "Boxing", 24, 0)]
    [InlineData("NewArray(length: 0)", "NewArray", 24, 0)]
    [InlineData("NewArray(length: 1)", "NewArray", 32, 0)]
    [InlineData("NewArray(length: 1000)", "NewArray", 4024, 0)]
    [InlineData("NonSerializableMemberData(payload: 11)", "NonSerializableMemberData", 72, 64)]
    public void Plain_ZeroAlloc_beside_Fact_and_Theory_fails_with_the_exact_bytes(string test, string method, long bytes, long budget) =>
        ZeroAllocExpectations.FailedWith(Run.Single(Plain + test), bytes, method, budget, ExceptionPrefix);

    [Fact]
    public void Plain_ZeroAlloc_with_a_failing_assertion_fails_as_the_assertion()
    {
        var result = Run.Single(Plain + "FailingAssertion");

        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith("Assert.Equal() Failure: Values differ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_ZeroAlloc_that_cannot_be_honoured_fails_loudly_instead_of_being_ignored()
    {
        var result = Run.Single(Plain + "UnderAnotherFactAttribute");

        Assert.Equal("Failed", result.Outcome);
        Assert.Equal(
            "System.InvalidOperationException : [ZeroAlloc] on UnderAnotherFactAttribute is not measured: in xunit v2 it needs the test assembly to run on " +
            "Meridian.Perf.Xunit.ZeroAllocTestFramework. Set <MeridianPerfTestFramework>true</MeridianPerfTestFramework> in the test project, " +
            "or replace [Fact]/[Theory] with [ZeroAllocFact]/[ZeroAllocTheory].",
            result.Message!.Trim());
    }

    [Theory]
    [Trait("Suite", "Reliability")]
    [InlineData("TimeoutShorterThanMeasuring")]
    [InlineData("AsyncVoidAllocates")]
    public void Every_framework_specific_way_a_test_ends_is_measured_or_says_why_not(string shape) => TestEndingShapes.Check(Run.Results, Endings, ExceptionPrefix, shape);

    [Fact]
    public void Every_fixture_test_is_accounted_for() =>
        Assert.True(Run.Results.Count == 49, $"Expected 49 results, got {Run.Results.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, Run.Results.Select(r => r.TestName))}");
}
