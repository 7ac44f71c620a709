namespace Meridian.Perf.NUnit.Tests;

/// <summary>[ZeroAlloc] through NUnit's real runner (NUnit3TestAdapter under VSTest), read back from the TRX file.</summary>
public sealed class ZeroAllocNUnitTests(NUnitFixtureRun fixture) : IClassFixture<NUnitFixtureRun>
{
    private readonly FixtureRun _run = fixture.Run;

    [Theory]
    [InlineData("EmptyBody")]
    [InlineData("SpanParse")]
    [InlineData("ArrayPoolRentReturn")]
    [InlineData("TestCaseAddition(1,2,3)")]
    [InlineData("TestCaseAddition(40,2,42)")]
    [InlineData("TestCaseSourceParse(\"4711\",4711)")]
    [InlineData("TestCaseSourceParse(\"-1\",-1)")]
    [InlineData("UsesStateFromSetUp")]
    [InlineData("WithinBudget")]
    [InlineData("AsyncCompletedSynchronously")]
    [InlineData("WithSettings")]
    [InlineData("TrivialZeroAlloc")]
    public void Bodies_that_do_not_allocate_pass(string test) => ZeroAllocExpectations.Passed(_run.Single(test));

    [Theory]
    [InlineData("Boxing", "Boxing", 24)]
    [InlineData("StringConcat", "StringConcat", 40)]
    [InlineData("NewArray(0)", "NewArray", 24)]
    [InlineData("NewArray(1)", "NewArray", 32)]
    [InlineData("NewArray(1000)", "NewArray", 4024)]
    public void Allocating_bodies_fail_with_the_exact_bytes_per_call(string test, string method, long bytes) =>
        ZeroAllocExpectations.FailedWith(_run.Single(test), bytes, method);

    [Fact]
    public void A_budget_fails_only_when_exceeded() =>
        ZeroAllocExpectations.FailedWith(_run.Single("OverBudget"), 32, "OverBudget", budget: 16);

    [Fact]
    public void A_failing_assertion_fails_as_the_assertion_not_as_an_allocation()
    {
        var result = _run.Single("FailingAssertion");

        Assert.Equal("Failed", result.Outcome);
        Assert.Contains("Expected: 41", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("allocat", result.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_exception_from_the_body_fails_as_that_exception()
    {
        var result = _run.Single("ThrowsException");

        Assert.Equal("Failed", result.Outcome);
        Assert.Equal("System.InvalidOperationException : thrown by the body", result.Message!.Trim());
    }

    [Theory]
    [InlineData("Ignored", "skipped on purpose")]
    [InlineData("IgnoredInsideBody", "ignored from inside the body")]
    public void Skipped_tests_stay_skipped(string test, string reason)
    {
        var result = _run.Single(test);

        Assert.Equal("NotExecuted", result.Outcome);
        Assert.Equal(reason, result.Message?.Trim());
    }

    [Fact]
    public void Async_work_that_leaves_the_thread_fails_as_unreliable_never_passes()
    {
        ZeroAllocExpectations.FailedAsUnreliable(_run.Single("AsyncLeavesTheThread"));
    }

    [Fact]
    public void Async_bodies_that_suspend_are_measured_on_the_pump()
    {
        ZeroAllocExpectations.FailedOnThePump(_run.Single("AsyncAllocatesAfterAwait"));
    }

    [Fact]
    public void A_body_that_is_not_idempotent_is_reported_as_such()
    {
        ZeroAllocExpectations.FailedAsNotIdempotent(_run.Single("NotIdempotent"), "NotIdempotent");
    }

    [Fact]
    public void Allocation_heavy_parallel_tests_ran_alongside_and_changed_no_verdict()
    {
        // The exact-byte and pass assertions above hold while these allocate on other NUnit workers ([Parallelizable]).
        Assert.All(_run.Results.Where(r => r.TestName.StartsWith("AllocatesHeavily", StringComparison.Ordinal)), ZeroAllocExpectations.Passed);
        Assert.Equal(3, _run.Results.Count(r => r.TestName.StartsWith("AllocatesHeavily", StringComparison.Ordinal)));
    }

    [Theory]
    [Trait("Suite", "Reliability")]
    [InlineData("EndsWithPass")]
    [InlineData("EndsWithPassAfterCleanRegion")]
    [InlineData("EndsWithPassUncounted")]
    [InlineData("RepeatedAllocates")]
    [InlineData("RepeatedEmpty")]
    [InlineData("RetriedAllocates")]
    [InlineData("TokenParameterAllocates")]
    [InlineData("TokenParameterEmpty")]
    [InlineData("TokenAfterArgumentEmpty")]
    [InlineData("CancelledWhileMeasured")]
    [InlineData("MaxTimeShorterThanMeasuring")]
    [InlineData("Warned")]
    [InlineData("Inconclusive")]
    [InlineData("ExpectedResultAllocates")]
    [InlineData("GenericFixtureAllocates")]
    public void Every_NUnit_specific_way_a_test_ends_is_measured_or_says_why_not(string shape) => TestEndingShapes.Check(_run.Results, string.Empty, string.Empty, shape);

    [Theory]
    [Trait("Suite", "Reliability")]
    [MemberData(nameof(TestEndingShapes.Common), MemberType = typeof(TestEndingShapes))]
    public void Every_common_way_a_test_ends_is_measured_or_says_why_not(string shape) => TestEndingShapes.Check(_run.Results, string.Empty, string.Empty, shape);

    [Fact]
    public void Every_fixture_test_is_accounted_for() =>
        Assert.True(_run.Results.Count == 53, $"Expected 53 results, got {_run.Results.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, _run.Results.Select(r => r.TestName))}");
}
