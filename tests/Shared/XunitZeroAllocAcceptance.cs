namespace Meridian.Perf.Testing.Fixtures;

/// <summary>
/// The acceptance checks both xunit adapters share: their fixture projects hold the same passing and failing
/// [ZeroAlloc] tests, so the same outcomes and messages must come back from each TRX file. The derived classes add what
/// differs per framework (skips, plain [ZeroAlloc] under xunit v2's opt-in test framework, the number of results).
/// </summary>
public abstract class XunitZeroAllocAcceptance
{
    /// <summary>What xunit writes before an exception's message in a test result.</summary>
    protected const string ExceptionPrefix = "Meridian.Perf.AllocationAssertionException : ";

    /// <summary>Gets the fixture's run through the real runner.</summary>
    protected abstract FixtureRun Run { get; }

    /// <summary>Gets the name prefix of the fixture's passing tests.</summary>
    protected abstract string Passing { get; }

    /// <summary>Gets the name prefix of the fixture's failing tests.</summary>
    protected abstract string Failing { get; }

    /// <summary>Gets the name prefix of the fixture's <c>TestEndings</c> tests (see <see cref="TestEndingShapes"/>).</summary>
    protected string Endings => Failing.Replace("FailingTests.", "TestEndings.", StringComparison.Ordinal);

    [Theory]
    [Trait("Suite", "Reliability")]
    [MemberData(nameof(TestEndingShapes.Common), MemberType = typeof(TestEndingShapes))]
    public void Every_common_way_a_test_ends_is_measured_or_says_why_not(string shape) => TestEndingShapes.Check(Run.Results, Endings, ExceptionPrefix, shape);

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
    public void Bodies_that_do_not_allocate_pass(string test) => ZeroAllocExpectations.Passed(Run.Single(Passing + test));

    [Theory]
    [InlineData("Boxing", "Boxing", 24)]
    [InlineData("StringConcat", "StringConcat", 40)]
    [InlineData("NewArray(length: 0)", "NewArray", 24)]
    [InlineData("NewArray(length: 1)", "NewArray", 32)]
    [InlineData("NewArray(length: 1000)", "NewArray", 4024)]
    public void Allocating_bodies_fail_with_the_exact_bytes_per_call(string test, string method, long bytes) =>
        ZeroAllocExpectations.FailedWith(Run.Single(Failing + test), bytes, method, frameworkPrefix: ExceptionPrefix);

    [Fact]
    public void A_budget_fails_only_when_exceeded() =>
        ZeroAllocExpectations.FailedWith(Run.Single(Failing + "OverBudget"), 32, "OverBudget", budget: 16, frameworkPrefix: ExceptionPrefix);

    [Fact]
    public void A_failing_assertion_fails_as_the_assertion_not_as_an_allocation()
    {
        var result = Run.Single(Failing + "FailingAssertion");

        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith("Assert.Equal() Failure: Values differ", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("allocat", result.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_exception_from_the_body_fails_as_that_exception()
    {
        var result = Run.Single(Failing + "ThrowsException");

        Assert.Equal("Failed", result.Outcome);
        Assert.Equal("System.InvalidOperationException : thrown by the body", result.Message!.Trim());
    }

    [Fact]
    public void Async_work_that_leaves_the_thread_fails_as_unreliable_never_passes()
    {
        ZeroAllocExpectations.FailedAsUnreliable(Run.Single(Failing + "AsyncLeavesTheThread"), ExceptionPrefix);
    }

    [Fact]
    public void Async_bodies_that_suspend_are_measured_on_the_pump()
    {
        ZeroAllocExpectations.FailedOnThePump(Run.Single(Failing + "AsyncAllocatesAfterAwait"), ExceptionPrefix);
    }

    [Fact]
    public void A_body_that_is_not_idempotent_is_reported_as_such()
    {
        ZeroAllocExpectations.FailedAsNotIdempotent(Run.Single(Failing + "NotIdempotent"), "NotIdempotent", ExceptionPrefix);
    }

    [Fact]
    public void Allocation_heavy_parallel_tests_ran_alongside_and_changed_no_verdict()
    {
        var noise = Run.Results.Where(r => r.TestName.Contains(".ParallelNoiseTests.", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, noise.Count);
        Assert.All(noise, ZeroAllocExpectations.Passed);
    }
}
