namespace Meridian.Perf.TUnit.Tests;

/// <summary>Runs tests/Fixtures/Meridian.Perf.TUnit.Fixture once as its own program (`dotnet run`, Microsoft.Testing.Platform) for all tests in <see cref="ZeroAllocTUnitTests"/>.</summary>
public sealed class TUnitFixtureRun
{
    internal FixtureRun Run { get; } = FixtureRun.ExecuteProgram("tests/Fixtures/Meridian.Perf.TUnit.Fixture/Meridian.Perf.TUnit.Fixture.csproj");
}
