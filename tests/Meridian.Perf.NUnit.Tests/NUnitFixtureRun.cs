namespace Meridian.Perf.NUnit.Tests;

/// <summary>Runs tests/Fixtures/Meridian.Perf.NUnit.Fixture once for all tests in <see cref="ZeroAllocNUnitTests"/>.</summary>
public sealed class NUnitFixtureRun
{
    internal FixtureRun Run { get; } = FixtureRun.Execute("tests/Fixtures/Meridian.Perf.NUnit.Fixture/Meridian.Perf.NUnit.Fixture.csproj");
}
