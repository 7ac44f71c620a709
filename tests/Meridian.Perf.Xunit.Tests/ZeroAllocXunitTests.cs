namespace Meridian.Perf.Xunit.Tests;

/// <summary>
/// [ZeroAllocFact], [ZeroAllocTheory] and, under ZeroAllocTestFramework, plain [ZeroAlloc] beside xunit v2's own
/// [Fact] and [Theory], through xunit.runner.visualstudio under VSTest, read back from the TRX file.
/// </summary>
public sealed class ZeroAllocXunitTests(XunitFixtureRun fixture) : IClassFixture<XunitFixtureRun>
{
    private const string Passing = "Meridian.Perf.Xunit.Fixture.PassingTests.";
    private const string Failing = "Meridian.Perf.Xunit.Fixture.FailingTests.";
    private const string Plain = "Meridian.Perf.Xunit.Fixture.PlainAttributeTests.";
    private const string ExceptionPrefix = "Meridian.Perf.AllocationAssertionException : ";

    private readonly FixtureRun _run = fixture.Run;

    [Theory]
    [InlineData("EmptyBody")]
    [InlineData("SpanParse")]
    [InlineData("ArrayPoolRentReturn")]
    [InlineData("InlineDataAddition(left: 1, right: 2, sum: 3)")]
    [InlineData("InlineDataAddition(left: 40, right: 2, sum: 42)")]
    [InlineData("NonSerializableMemberData(payload: 4711)")]
    [InlineData("NonSerializableMemberData(payload: -1)")]
    [InlineData("WritesToInjectedOutputOutsideTheRegion")]
    [InlineData("WithinBudget")]
    [InlineData("AsyncCompletedSynchronously")]
    [InlineData("AsyncValueTask")]
    [InlineData("WithSettings")]
    [InlineData("TrivialZeroAlloc")]
    public void Bodies_that_do_not_allocate_pass(string test) => ZeroAllocExpectations.Passed(_run.Single(Passing + test));

    [Theory]
    [InlineData("Boxing", "Boxing", 24)]
    [InlineData("StringConcat", "StringConcat", 40)]
    [InlineData("NewArray(length: 0)", "NewArray", 24)]
    [InlineData("NewArray(length: 1)", "NewArray", 32)]
    [InlineData("NewArray(length: 1000)", "NewArray", 4024)]
    public void Allocating_bodies_fail_with_the_exact_bytes_per_call(string test, string method, long bytes) =>
        ZeroAllocExpectations.FailedWith(_run.Single(Failing + test), bytes, method, frameworkPrefix: ExceptionPrefix);

    [Fact]
    public void A_budget_fails_only_when_exceeded() =>
        ZeroAllocExpectations.FailedWith(_run.Single(Failing + "OverBudget"), 32, "OverBudget", budget: 16, frameworkPrefix: ExceptionPrefix);

    [Fact]
    public void A_failing_assertion_fails_as_the_assertion_not_as_an_allocation()
    {
        var result = _run.Single(Failing + "FailingAssertion");

        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith("Assert.Equal() Failure: Values differ", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("allocat", result.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_exception_from_the_body_fails_as_that_exception()
    {
        var result = _run.Single(Failing + "ThrowsException");

        Assert.Equal("Failed", result.Outcome);
        Assert.Equal("System.InvalidOperationException : thrown by the body", result.Message!.Trim());
    }

    [Fact]
    public void A_skipped_test_stays_skipped()
    {
        var result = _run.Single(Failing + "Skipped");

        Assert.Equal("NotExecuted", result.Outcome);
        Assert.Equal("skipped on purpose", result.Message?.Trim());
    }

    [Theory]
    [InlineData("EmptyBody")]
    [InlineData("NonSerializableMemberData(payload: 10)")]
    public void Plain_ZeroAlloc_beside_Fact_and_Theory_passes_within_budget(string test) => ZeroAllocExpectations.Passed(_run.Single(Plain + test));

    [Theory]
    [InlineData("Boxing", "Boxing", 24, 0)]
    [InlineData("NewArray(length: 0)", "NewArray", 24, 0)]
    [InlineData("NewArray(length: 1)", "NewArray", 32, 0)]
    [InlineData("NewArray(length: 1000)", "NewArray", 4024, 0)]
    [InlineData("NonSerializableMemberData(payload: 11)", "NonSerializableMemberData", 72, 64)]
    public void Plain_ZeroAlloc_beside_Fact_and_Theory_fails_with_the_exact_bytes(string test, string method, long bytes, long budget) =>
        ZeroAllocExpectations.FailedWith(_run.Single(Plain + test), bytes, method, budget, ExceptionPrefix);

    [Fact]
    public void Plain_ZeroAlloc_with_a_failing_assertion_fails_as_the_assertion()
    {
        var result = _run.Single(Plain + "FailingAssertion");

        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith("Assert.Equal() Failure: Values differ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_ZeroAlloc_that_cannot_be_honoured_fails_loudly_instead_of_being_ignored()
    {
        var result = _run.Single(Plain + "UnderAnotherFactAttribute");

        Assert.Equal("Failed", result.Outcome);
        Assert.Equal(
            "System.InvalidOperationException : [ZeroAlloc] on UnderAnotherFactAttribute is not measured: in xunit v2 it needs the test assembly to run on " +
            "Meridian.Perf.Xunit.ZeroAllocTestFramework. Set <MeridianPerfTestFramework>true</MeridianPerfTestFramework> in the test project, " +
            "or replace [Fact]/[Theory] with [ZeroAllocFact]/[ZeroAllocTheory].",
            result.Message!.Trim());
    }

    [Fact]
    public void Async_work_that_leaves_the_thread_fails_as_unreliable_never_passes()
    {
        var result = _run.Single(Failing + "AsyncLeavesTheThread");

        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith(ExceptionPrefix + "Expected no allocations, but the measurement is unreliable: work left the measuring thread", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Async_bodies_that_suspend_are_measured_on_the_pump()
    {
        var result = _run.Single(Failing + "AsyncAllocatesAfterAwait");

        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith(ExceptionPrefix + "Expected no allocations, but the body allocated ", result.Message, StringComparison.Ordinal);
        Assert.Contains("async body on a single-thread pump", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_is_not_idempotent_is_reported_as_such()
    {
        var result = _run.Single(Failing + "NotIdempotent");

        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith(ExceptionPrefix + "[ZeroAlloc] could not measure NotIdempotent: the test passed when run once, but threw InvalidOperationException", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocation_heavy_parallel_tests_ran_alongside_and_changed_no_verdict()
    {
        var noise = _run.Results.Where(r => r.TestName.Contains(".ParallelNoiseTests.", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, noise.Count);
        Assert.All(noise, ZeroAllocExpectations.Passed);
    }

    [Fact]
    public void Every_fixture_test_is_accounted_for() =>
        Assert.True(_run.Results.Count == 38, $"Expected 38 results, got {_run.Results.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, _run.Results.Select(r => r.TestName))}");
}
