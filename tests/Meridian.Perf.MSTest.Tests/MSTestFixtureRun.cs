namespace Meridian.Perf.MSTest.Tests;

/// <summary>Runs tests/Fixtures/Meridian.Perf.MSTest.Fixture once (VSTest, as `dotnet new mstest` projects run) for all tests in <see cref="ZeroAllocMSTestTests"/>.</summary>
public sealed class MSTestFixtureRun
{
    internal FixtureRun Run { get; } = FixtureRun.Execute("tests/Fixtures/Meridian.Perf.MSTest.Fixture/Meridian.Perf.MSTest.Fixture.csproj");
}
