using System.Reflection;

namespace Meridian.Perf.BaselineBuild.Tests;

/// <summary>
/// Builds version 1 of the fixture library into a temporary folder (the baseline build), then runs the fixture twice
/// through <c>dotnet test</c>: against that folder (MERIDIAN_PERF_BASELINE_DIRECTORY) and with no baseline at all.
/// One build and two runs for every test in <see cref="BaselineBuildFixtureTests"/>.
/// </summary>
public sealed class BaselineBuildFixtureRuns : IDisposable
{
    private const string Fixture = "tests/Fixtures/Meridian.Perf.BaselineBuild.Fixture/Meridian.Perf.BaselineBuild.Fixture.csproj";
    private const string Library = "tests/Fixtures/Meridian.Perf.BaselineBuild.Library/Meridian.Perf.BaselineBuild.Library.csproj";
    private readonly string _folder;

    public BaselineBuildFixtureRuns()
    {
        string root = RepositoryPaths.Root();
        string configuration = typeof(BaselineBuildFixtureRuns).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        _folder = Directory.CreateTempSubdirectory("meridian-baseline-build-").FullName;

        // A copy of the library's source, built as version 1 outside the repository: the current build (version 2, in
        // the library's own folders) is left alone. The project states everything it needs, so no repository settings apply.
        string source = Path.Combine(_folder, "src");
        Directory.CreateDirectory(source);
        foreach (string file in Directory.GetFiles(Path.Combine(root, Path.GetDirectoryName(Library)!)).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(source, Path.GetFileName(file)));
        }

        BuildLog = DotnetCli.RunChecked(source, "build", "-c", configuration, "--nologo", "-p:LibraryVersion=1");
        BaselineFolder = Path.Combine(source, "bin", configuration);

        Against = FixtureRun.Execute(Fixture, "-e", $"MERIDIAN_PERF_BASELINE_DIRECTORY={BaselineFolder}", "--filter", "FullyQualifiedName~AgainstTheBaselineBuild");
        Without = FixtureRun.Execute(Fixture, "--no-build", "-e", "MERIDIAN_PERF_BASELINE_DIRECTORY=", "--filter", "FullyQualifiedName~WithoutABaseline");
    }

    /// <summary>Gets the folder the baseline build was put in (target-framework folders below it).</summary>
    public string BaselineFolder { get; }

    public string BuildLog { get; }

    /// <summary>Gets the run against version 1 of the library.</summary>
    internal FixtureRun Against { get; }

    /// <summary>Gets the run with no baseline configured.</summary>
    internal FixtureRun Without { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
