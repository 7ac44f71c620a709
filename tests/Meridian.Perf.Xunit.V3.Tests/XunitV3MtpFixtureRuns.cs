namespace Meridian.Perf.Xunit.V3.Tests;

/// <summary>
/// Runs tests/Fixtures/Meridian.Perf.Xunit.V3.Mtp.Fixture (the default xunit.v3 package, Microsoft.Testing.Platform)
/// the two ways a user runs it: `dotnet test` in the SDK's Microsoft.Testing.Platform mode, and `dotnet run`.
/// </summary>
public sealed class XunitV3MtpFixtureRuns
{
    private const string Project = "tests/Fixtures/Meridian.Perf.Xunit.V3.Mtp.Fixture/Meridian.Perf.Xunit.V3.Mtp.Fixture.csproj";

    internal FixtureRun DotnetTest { get; } = FixtureRun.ExecuteMtpTest(Project);

    internal FixtureRun DotnetRun { get; } = FixtureRun.ExecuteProgram(Project, "-result-trx", "{results}/fixture.trx");
}
