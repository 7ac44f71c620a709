namespace Meridian.Perf.TUnit.Tests;

/// <summary>Runs samples/QuickStart.TUnit (the docs' TUnit snippet) once as its own program.</summary>
public sealed class QuickStartRun
{
    internal FixtureRun Run { get; } = FixtureRun.ExecuteProgram("samples/QuickStart.TUnit/QuickStart.TUnit.csproj");
}
