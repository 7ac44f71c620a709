namespace Meridian.Perf.MSTest.Tests;

/// <summary>[ZeroAllocTestMethod] through MSTest's real runner (MSTest.TestAdapter under VSTest), read back from the TRX file.</summary>
public sealed class ZeroAllocMSTestTests(MSTestFixtureRun fixture) : IClassFixture<MSTestFixtureRun>
{
    private readonly FixtureRun _run = fixture.Run;

    [Theory]
    [InlineData("EmptyBody")]
    [InlineData("SpanParse")]
    [InlineData("ArrayPoolRentReturn")]
    [InlineData("DataRowAddition (1,2,3)")]
    [InlineData("DataRowAddition (40,2,42)")]
    [InlineData("DynamicDataParse (\"4711\",4711)")]
    [InlineData("DynamicDataParse (\"-1\",-1)")]
    [InlineData("UsesStateFromTestInitialize")]
    [InlineData("WithinBudget")]
    [InlineData("AsyncCompletedSynchronously")]
    [InlineData("AsyncValueTask")]
    [InlineData("WithSettings")]
    [InlineData("GenericDataRow (7)")]
    [InlineData("GenericDataRow (\"seven\")")]
    [InlineData("WithTimeout")]
    [InlineData("ReadsTheTestContext")]
    [InlineData("TrivialZeroAlloc")]
    public void Bodies_that_do_not_allocate_pass(string test) => ZeroAllocExpectations.Passed(_run.Single(test));

    [Theory]
    [InlineData("Boxing", "Boxing", 24)]
    [InlineData("StringConcat", "StringConcat", 40)]
    [InlineData("NewArray (0)", "NewArray", 24)]
    [InlineData("NewArray (1)", "NewArray", 32)]
    [InlineData("NewArray (1000)", "NewArray", 4024)]
    [InlineData("AllocatesUnderTimeout", "AllocatesUnderTimeout", 24)]
    [InlineData("GenericArrayAllocates (\"a\")", "GenericArrayAllocates", 32)]
    [InlineData("RetriedAllocates", "RetriedAllocates", 24)]
    public void Allocating_bodies_fail_with_the_exact_bytes_per_call(string test, string method, long bytes) =>
        ZeroAllocExpectations.FailedWith(_run.Single(test), bytes, method, lastLine: LastLine(method));

    [Fact]
    public void A_budget_fails_only_when_exceeded() =>
        ZeroAllocExpectations.FailedWith(_run.Single("OverBudget"), 32, "OverBudget", budget: 16, lastLine: LastLine("OverBudget"));

    [Fact]
    public void A_failing_assertion_fails_as_the_assertion_not_as_an_allocation()
    {
        var result = _run.Single("FailingAssertion");

        Assert.Equal("Failed", result.Outcome);
        Assert.StartsWith("Assertion failed. Expected values to be equal.", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("allocat", result.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_exception_from_the_body_fails_as_that_exception()
    {
        var result = _run.Single("ThrowsException");

        Assert.Equal("Failed", result.Outcome);
        Assert.Equal(
            "Test method Meridian.Perf.MSTest.Fixture.FailingTests.ThrowsException threw exception:\nSystem.InvalidOperationException: thrown by the body",
            result.Message!.ReplaceLineEndings("\n").Trim());
    }

    [Theory]
    [InlineData("Ignored", "skipped on purpose")]
    [InlineData("InconclusiveInsideBody", "Assert.Inconclusive. inconclusive from inside the body")]
    public void Ignored_and_inconclusive_tests_are_not_measured_and_keep_their_outcome(string test, string reason)
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
    public void A_data_driven_test_with_fifty_cases_runs_and_measures_every_case()
    {
        var cases = _run.Results.Where(r => r.TestName.StartsWith("FiftyCasesEachMeasured (", StringComparison.Ordinal)).ToList();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"FiftyCasesEachMeasured ({i})").Order(StringComparer.Ordinal), cases.Select(c => c.TestName).Order(StringComparer.Ordinal));
        Assert.All(cases, ZeroAllocExpectations.Passed);
    }

    [Fact]
    public void Allocation_heavy_parallel_tests_ran_alongside_and_changed_no_verdict()
    {
        // 50 [ZeroAllocTestMethod] tests beside 20 allocation-heavy ones under [assembly: Parallelize(Scope = MethodLevel)].
        var zeroAlloc = _run.Results.Where(r => r.TestName.StartsWith("ZeroAlloc", StringComparison.Ordinal) && r.TestName != "ZeroAllocTestMethod").ToList();
        var heavy = _run.Results.Where(r => r.TestName.StartsWith("AllocatesHeavily", StringComparison.Ordinal)).ToList();

        Assert.Equal(50, zeroAlloc.Count);
        Assert.Equal(20, heavy.Count);
        Assert.All(zeroAlloc.Concat(heavy), ZeroAllocExpectations.Passed);
    }

    [Fact]
    public void Every_fixture_test_is_accounted_for() =>
        Assert.True(_run.Results.Count == 161, $"Expected 161 results, got {_run.Results.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, _run.Results.Select(r => r.TestName))}");

    /// <summary>The shared shapes (tests/Shared/TestEndingShapes.cs) MSTest has; static test methods it does not run.</summary>
    public static TheoryData<string> CommonShapes => [.. ((IEnumerable<object[]>)TestEndingShapes.Common).Select(row => (string)row[0]).Where(shape => !shape.StartsWith("Static", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(CommonShapes))]
    public void Every_way_a_test_is_shaped_is_measured_or_says_why_not(string shape) =>
        TestEndingShapes.Check(
            _run.Results.Select(r => r with { TestName = r.TestName.Replace(" (", "(", StringComparison.Ordinal), Message = UnlessNewInstance(r.Message) }),
            string.Empty,
            string.Empty,
            shape);

    [Fact]
    public void MSTests_own_runner_gives_the_same_outcomes_and_verdicts()
    {
        static string[] Outcomes(FixtureRun run) => [.. run.Results.Select(r => $"{r.TestName}: {r.Outcome}").Order(StringComparer.Ordinal)];

        Assert.Equal(Outcomes(_run), Outcomes(fixture.RunnerRun));
        foreach (var result in _run.Results.Where(r => r.Outcome == "Failed" && r.Message!.Contains("B per call", StringComparison.Ordinal)))
        {
            Assert.Equal(ZeroAllocExpectations.Lines(result.Message)[0], ZeroAllocExpectations.Lines(fixture.RunnerRun.Single(result.TestName).Message)[0]);
        }
    }

    // MSTest's last line says the body ran on a new instance; the shared expectations know core's wording.
    private static string? UnlessNewInstance(string? message) =>
        message?.Replace(
            "on a new instance of the test class (constructor and [TestInitialize] run again, not counted) with the same arguments",
            "with the same instance and arguments",
            StringComparison.Ordinal);

    private static string LastLine(string method) =>
        ZeroAllocExpectations.LastLine(method).Replace(
            "with the same instance and arguments",
            "on a new instance of the test class (constructor and [TestInitialize] run again, not counted) with the same arguments",
            StringComparison.Ordinal);
}
