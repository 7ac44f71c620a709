namespace Meridian.Perf.Xunit.V3.Tests;

/// <summary>Runs tests/Fixtures/Meridian.Perf.Xunit.V3.Fixture once for all tests in <see cref="ZeroAllocXunitV3Tests"/>.</summary>
public sealed class XunitV3FixtureRun
{
    internal FixtureRun Run { get; } = FixtureRun.Execute("tests/Fixtures/Meridian.Perf.Xunit.V3.Fixture/Meridian.Perf.Xunit.V3.Fixture.csproj");
}
