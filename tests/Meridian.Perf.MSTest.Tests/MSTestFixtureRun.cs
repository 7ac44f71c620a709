namespace Meridian.Perf.MSTest.Tests;

/// <summary>
/// Runs tests/Fixtures/Meridian.Perf.MSTest.Fixture once under VSTest (`dotnet test`, as `dotnet new mstest` projects run)
/// and once on MSTest's own runner (Microsoft.Testing.Platform, `dotnet run`), for all tests in <see cref="ZeroAllocMSTestTests"/>.
/// </summary>
public sealed class MSTestFixtureRun
{
    private const string Project = "tests/Fixtures/Meridian.Perf.MSTest.Fixture/Meridian.Perf.MSTest.Fixture.csproj";

    internal FixtureRun Run { get; } = FixtureRun.Execute(Project);

    internal FixtureRun RunnerRun { get; } = FixtureRun.ExecuteProgramBuiltWith(Project, "-p:MeridianMSTestRunner=true");
}
