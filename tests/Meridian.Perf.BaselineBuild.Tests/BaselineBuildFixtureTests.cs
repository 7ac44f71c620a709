namespace Meridian.Perf.BaselineBuild.Tests;

/// <summary>Outcomes and messages of the baseline-build fixture, as `dotnet test` wrote them to TRX.</summary>
public sealed class BaselineBuildFixtureTests(BaselineBuildFixtureRuns runs) : IClassFixture<BaselineBuildFixtureRuns>
{
    private const string Against = "Meridian.Perf.BaselineBuildFixture.AgainstTheBaselineBuild.";
    private const string Checks = "Meridian.Perf.BaselineBuildFixture.PerfAssertChecks.";
    private const string Without = "Meridian.Perf.BaselineBuildFixture.WithoutABaseline.";
    private const string ResolvedFromBaseline = "Meridian.Perf.BaselineBuild.Library 1.0.0.0 from the baseline build";

    public static TheoryData<string> Frameworks => new("xunit v2", "xunit v3", "NUnit");

    [Fact]
    public void Every_test_ran()
    {
        Assert.True(runs.Against.Results.Count == 9, runs.Against.Log);
        Assert.True(runs.Without.Results.Count == 3, runs.Without.Log);
        Assert.True(runs.NUnit.Results.Count == 6, runs.NUnit.Log);
        Assert.True(runs.XunitV3.Results.Count == 6, runs.XunitV3.Log);
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void Unchanged_allocations_pass(string framework) => Assert.Equal("Passed", Check(framework, "Unchanged_allocates_no_more").Outcome);

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void An_allocation_regression_fails_with_both_exact_figures_and_where_the_baseline_came_from(string framework)
    {
        var result = Check(framework, "Allocating_allocates_no_more");

        Assert.Equal("Failed", result.Outcome);
        Assert.Contains("Expected the current build to allocate no more per call than the baseline build (32 B per call), but it allocates 56 B per call.", result.Message, StringComparison.Ordinal);
        Assert.Contains("every window over budget", result.Message, StringComparison.Ordinal);
        Assert.Contains($"baseline build: folder from MERIDIAN_PERF_BASELINE_DIRECTORY: {runs.BaselineFolder}", result.Message, StringComparison.Ordinal);
        Assert.Contains(ResolvedFromBaseline, result.Message, StringComparison.Ordinal);
        Assert.Contains("the current build uses 2.0.0.0", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_extra_bytes_are_exact() => Assert.Equal("Passed", runs.Against.Single(Against + "Allocating_costs_exactly_24_bytes_more").Outcome);

    [Fact]
    public void Four_times_the_work_is_measured_as_such()
    {
        // Asserted inside the fixture: the verdict is Slower (and the change above +100 %) or, on a machine too busy to
        // tell, Inconclusive; never Faster or NoChange.
        var result = runs.Against.Single(Against + "Regressed_is_reported_slower");
        Assert.True(result.Outcome == "Passed", result.Message);
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void Not_slower_fails_on_four_times_the_work_unless_inconclusive(string framework)
    {
        var result = Check(framework, "Regressed_is_not_slower");

        if (result.Outcome == "Failed")
        {
            Assert.Contains("Meridian.Perf.BaselineBuildFixture.Bodies.Regressed: current build (candidate) against the baseline build (baseline).", result.Message, StringComparison.Ordinal);
            Assert.Matches(@"Expected the candidate not to be slower than the baseline, but it is \+\d+\.\d\d % slower\.", result.Message);
            Assert.Contains(ResolvedFromBaseline, result.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("Passed", result.Outcome);
        }
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void A_member_missing_from_the_baseline_is_inconclusive_never_a_type_load_failure(string framework)
    {
        Assert.Equal("Passed", Check(framework, "NewInV2_is_inconclusive").Outcome);

        var failing = Check(framework, "NewInV2_fails_when_inconclusive_fails");
        Assert.Equal("Failed", failing.Outcome);
        Assert.Contains("Inconclusive: Meridian.Perf.BaselineBuildFixture.Bodies.NewInV2 was not compared with a baseline build: the body uses something the baseline build does not have — MissingMethodException: Method not found: 'Int64 Meridian.Perf.BaselineBuildLibrary.Work.NewInV2(Int64)'.", failing.Message, StringComparison.Ordinal);
        Assert.Contains("(The test fails because CompareOptions.FailOnInconclusive is set.)", failing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TypeLoadException", failing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public void Captured_state_is_refused_with_how_to_write_the_body(string framework)
    {
        var result = Check(framework, "Captured_state_is_refused");

        Assert.Equal("Failed", result.Outcome);
        Assert.Contains("System.ArgumentException : The body factory captures seed: state made in the test's context would cross into the baseline build's context", result.Message, StringComparison.Ordinal);
        Assert.Contains("static Action ParseBody()", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_context_is_loaded_once_and_resolves_the_library_from_the_baseline_folder() =>
        Assert.Equal("Passed", runs.Against.Single(Against + "The_baseline_build_is_resolved_from_its_folder").Outcome);

    [Fact]
    public void Without_a_baseline_the_checks_pass_as_inconclusive_or_fail_with_how_to_configure_one()
    {
        Assert.Equal("Passed", runs.Without.Single(Without + "Not_slower_is_inconclusive").Outcome);
        foreach (string test in new[] { "Not_slower_fails_when_inconclusive_fails", "Allocations_fail_when_inconclusive_fails" })
        {
            var result = runs.Without.Single(Without + test);
            Assert.Equal("Failed", result.Outcome);
            Assert.Contains("was not compared with a baseline build: no baseline build is configured for Meridian.Perf.BaselineBuild.Fixture", result.Message, StringComparison.Ordinal);
            Assert.Contains("<MeridianPerfBaseline Include=\"MyCompany.Parsing\" Version=\"1.4.0\" />", result.Message, StringComparison.Ordinal);
            Assert.Contains("-t:MeridianPerfBuildBaseline -p:MeridianPerfBaselineRef=origin/main", result.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>One of the framework-free checks: NUnit's TRX names a test by its method alone, the xunit runners by type and method.</summary>
    private TrxResult Check(string framework, string method) => framework == "NUnit"
        ? runs.NUnit.Single(method)
        : runs.WithChecks(framework).Single(Checks + method);
}
