namespace Meridian.Perf.Xunit.Tests;

/// <summary>Runs tests/Fixtures/Meridian.Perf.Xunit.Fixture once for all tests in <see cref="ZeroAllocXunitTests"/>.</summary>
public sealed class XunitFixtureRun
{
    internal FixtureRun Run { get; } = FixtureRun.Execute("tests/Fixtures/Meridian.Perf.Xunit.Fixture/Meridian.Perf.Xunit.Fixture.csproj");
}
