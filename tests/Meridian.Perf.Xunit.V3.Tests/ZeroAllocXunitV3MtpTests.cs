namespace Meridian.Perf.Xunit.V3.Tests;

/// <summary>
/// [ZeroAlloc] in a project on the default xunit.v3 package (Microsoft.Testing.Platform, not mtp-off): the same fixture
/// tests as under VSTest, run with `dotnet test` in Microsoft.Testing.Platform mode, and the same outcomes from `dotnet run`.
/// </summary>
public sealed class ZeroAllocXunitV3MtpTests(XunitV3MtpFixtureRuns fixture) : XunitZeroAllocAcceptance, IClassFixture<XunitV3MtpFixtureRuns>
{
    protected override string Passing => "Meridian.Perf.Xunit.V3.Fixture.PassingTests.";
    protected override string Failing => "Meridian.Perf.Xunit.V3.Fixture.FailingTests.";

    protected override FixtureRun Run { get; } = fixture.DotnetTest;

    [Theory]
    [InlineData("Skipped")]
    [InlineData("SkippedInsideBody")]
    public void Skipped_tests_stay_skipped(string test) => Assert.Equal("NotExecuted", Run.Single(Failing + test).Outcome);

    [Fact]
    public void Dotnet_run_gives_the_same_outcome_for_every_test()
    {
        static string[] Outcomes(FixtureRun run) =>
            [.. run.Results.Select(r => $"{r.TestName}: {r.Outcome}").Order(StringComparer.Ordinal)];

        Assert.True(fixture.DotnetTest.Results.Count >= 30, $"Only {fixture.DotnetTest.Results.Count} results.");
        Assert.Equal(Outcomes(fixture.DotnetTest), Outcomes(fixture.DotnetRun));
    }

    [Fact]
    public void Dotnet_run_reports_the_same_failure_messages()
    {
        foreach (var result in fixture.DotnetTest.Results.Where(r => r.Outcome == "Failed" && r.Message!.Contains("B per call", StringComparison.Ordinal)))
        {
            Assert.Equal(ZeroAllocExpectations.Lines(result.Message)[0], ZeroAllocExpectations.Lines(fixture.DotnetRun.Single(result.TestName).Message)[0]);
        }
    }
}
