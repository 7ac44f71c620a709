namespace Meridian.Perf.TUnit.Tests;

/// <summary>[ZeroAlloc] through TUnit's own runner (its program on Microsoft.Testing.Platform, source-generated mode), read back from the TRX file.</summary>
public sealed class ZeroAllocTUnitTests(TUnitFixtureRun fixture) : IClassFixture<TUnitFixtureRun>
{
    /// <summary>What TUnit writes before an exception's message in a test result.</summary>
    private const string ExceptionPrefix = "AllocationAssertionException: ";

    private readonly FixtureRun _run = fixture.Run;

    [Theory]
    [InlineData("EmptyBody")]
    [InlineData("SpanParse")]
    [InlineData("ArrayPoolRentReturn")]
    [InlineData("ArgumentsAddition(1, 2, 3)")]
    [InlineData("ArgumentsAddition(40, 2, 42)")]
    [InlineData("MethodDataSourceParse(4711, 4711)")]
    [InlineData("MethodDataSourceParse(-1, -1)")]
    [InlineData("UsesStateFromBeforeHook")]
    [InlineData("WithinBudget")]
    [InlineData("AsyncCompletedSynchronously")]
    [InlineData("AsyncValueTask")]
    [InlineData("WithSettings")]
    [InlineData("WithTimeoutAndCancellationToken")]
    [InlineData("GenericArguments<int>(7)")]
    [InlineData("TrivialZeroAlloc")]
    public void Bodies_that_do_not_allocate_pass(string test) => ZeroAllocExpectations.Passed(_run.Single(test));

    [Theory]
    [InlineData("Boxing", "Boxing", 24)]
    [InlineData("StringConcat", "StringConcat", 40)]
    [InlineData("NewArray(0)", "NewArray", 24)]
    [InlineData("NewArray(1)", "NewArray", 32)]
    [InlineData("NewArray(1000)", "NewArray", 4024)]
    [InlineData("AllocatesWithCancellationToken", "AllocatesWithCancellationToken", 24)]
    public void Allocating_bodies_fail_with_the_exact_bytes_per_call(string test, string method, long bytes) =>
        ZeroAllocExpectations.FailedWith(_run.Single(test), bytes, method, frameworkPrefix: ExceptionPrefix);

    [Fact]
    public void A_budget_fails_only_when_exceeded() =>
        ZeroAllocExpectations.FailedWith(_run.Single("OverBudget"), 32, "OverBudget", budget: 16, frameworkPrefix: ExceptionPrefix);

    [Fact]
    public void Every_repetition_is_measured()
    {
        var repetitions = _run.Results.Where(r => r.TestName == "RepeatedAllocates").ToList();

        Assert.Equal(2, repetitions.Count);
        Assert.All(repetitions, r => ZeroAllocExpectations.FailedWith(r, 24, "RepeatedAllocates", frameworkPrefix: ExceptionPrefix));
    }

    [Fact]
    public void A_failing_assertion_fails_as_the_assertion_not_as_an_allocation()
    {
        var result = _run.Single("FailingAssertion");

        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith("AssertionException: Expected to be 41", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("allocat", result.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_exception_from_the_body_fails_as_that_exception()
    {
        var result = _run.Single("ThrowsException");

        Assert.Equal("Failed", result.Outcome);
        Assert.Equal("InvalidOperationException: thrown by the body", result.Message!.Trim());
    }

    [Theory]
    [InlineData("Skipped")]
    [InlineData("SkippedInsideBody")]
    public void Skipped_tests_stay_skipped(string test) => Assert.Equal("NotExecuted", _run.Single(test).Outcome);

    [Fact]
    public void Async_work_that_leaves_the_thread_fails_as_unreliable_never_passes()
    {
        ZeroAllocExpectations.FailedAsUnreliable(_run.Single("AsyncLeavesTheThread"), ExceptionPrefix);
    }

    [Fact]
    public void Async_bodies_that_suspend_are_measured_on_the_pump()
    {
        ZeroAllocExpectations.FailedOnThePump(_run.Single("AsyncAllocatesAfterAwait"), ExceptionPrefix);
    }

    [Fact]
    public void A_body_that_is_not_idempotent_is_reported_as_such()
    {
        ZeroAllocExpectations.FailedAsNotIdempotent(_run.Single("NotIdempotent"), "NotIdempotent", ExceptionPrefix);
    }

    [Fact]
    public void A_test_whose_executor_was_replaced_fails_instead_of_passing_unmeasured()
    {
        var result = _run.Single("AllocatesUnderAnotherExecutor");

        Assert.Equal("Failed", result.Outcome);
        Assert.Contains("[ZeroAlloc] did not measure AllocatesUnderAnotherExecutor: the test passed, but another test executor replaced the one [ZeroAlloc] installs", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_driven_test_with_fifty_cases_runs_and_measures_every_case()
    {
        var cases = _run.Results.Where(r => r.TestName.StartsWith("FiftyCasesEachMeasured(", StringComparison.Ordinal)).ToList();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"FiftyCasesEachMeasured({i})").Order(StringComparer.Ordinal), cases.Select(c => c.TestName).Order(StringComparer.Ordinal));
        Assert.All(cases, ZeroAllocExpectations.Passed);
    }

    [Fact]
    public void Allocation_heavy_parallel_tests_ran_alongside_and_changed_no_verdict()
    {
        // TUnit runs every test in parallel by default: 50 [ZeroAlloc] tests beside 20 allocation-heavy ones.
        var zeroAlloc = _run.Results.Where(r => r.TestName.StartsWith("ZeroAlloc", StringComparison.Ordinal)).ToList();
        var heavy = _run.Results.Where(r => r.TestName.StartsWith("AllocatesHeavily", StringComparison.Ordinal)).ToList();

        Assert.Equal(50, zeroAlloc.Count);
        Assert.Equal(20, heavy.Count);
        Assert.All(zeroAlloc.Concat(heavy), ZeroAllocExpectations.Passed);
    }

    /// <summary>The shared shapes (tests/Shared/TestEndingShapes.cs) TUnit has; static test methods it rejects at compile time.</summary>
    public static TheoryData<string> CommonShapes => [.. ((IEnumerable<object[]>)TestEndingShapes.Common).Select(row => (string)row[0]).Where(shape => !shape.StartsWith("Static", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(CommonShapes))]
    public void Every_way_a_test_is_shaped_is_measured_or_says_why_not(string shape) =>
        TestEndingShapes.Check(_run.Results, string.Empty, ExceptionPrefix, shape);

    [Fact]
    public void Every_fixture_test_is_accounted_for() =>
        Assert.True(_run.Results.Count == 160, $"Expected 160 results, got {_run.Results.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, _run.Results.Select(r => r.TestName))}");
}
