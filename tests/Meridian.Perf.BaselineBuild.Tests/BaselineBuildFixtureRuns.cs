using System.Reflection;

namespace Meridian.Perf.BaselineBuild.Tests;

/// <summary>
/// Builds version 1 of the fixture library into a temporary folder (the baseline build), then runs the fixtures
/// through <c>dotnet test</c>: the xunit v2 fixture against that folder (MERIDIAN_PERF_BASELINE_DIRECTORY) and with no
/// baseline at all, the NUnit and xunit v3 fixtures against it. Once for every test in <see cref="BaselineBuildFixtureTests"/>.
/// </summary>
public sealed class BaselineBuildFixtureRuns : IDisposable
{
    private const string Fixture = "tests/Fixtures/Meridian.Perf.BaselineBuild.Fixture/Meridian.Perf.BaselineBuild.Fixture.csproj";
    private const string NUnitFixture = "tests/Fixtures/Meridian.Perf.BaselineBuild.NUnit.Fixture/Meridian.Perf.BaselineBuild.NUnit.Fixture.csproj";
    private const string XunitV3Fixture = "tests/Fixtures/Meridian.Perf.BaselineBuild.XunitV3.Fixture/Meridian.Perf.BaselineBuild.XunitV3.Fixture.csproj";
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

        string baseline = $"MERIDIAN_PERF_BASELINE_DIRECTORY={BaselineFolder}";
        Against = FixtureRun.Execute(Fixture, "-e", baseline, "--filter", "FullyQualifiedName~AgainstTheBaselineBuild|FullyQualifiedName~PerfAssertChecks");
        Without = FixtureRun.Execute(Fixture, "--no-build", "-e", "MERIDIAN_PERF_BASELINE_DIRECTORY=", "--filter", "FullyQualifiedName~WithoutABaseline");
        NUnit = FixtureRun.Execute(NUnitFixture, "-e", baseline);
        XunitV3 = FixtureRun.Execute(XunitV3Fixture, "-e", baseline);
    }

    /// <summary>Gets the folder the baseline build was put in (target-framework folders below it).</summary>
    public string BaselineFolder { get; }

    public string BuildLog { get; }

    /// <summary>Gets the run against version 1 of the library.</summary>
    internal FixtureRun Against { get; }

    /// <summary>Gets the run with no baseline configured.</summary>
    internal FixtureRun Without { get; }

    /// <summary>Gets the NUnit project's run against version 1 (the framework-free checks only).</summary>
    internal FixtureRun NUnit { get; }

    /// <summary>Gets the xunit v3 project's run against version 1 (the framework-free checks only).</summary>
    internal FixtureRun XunitV3 { get; }

    /// <summary>Gets the run of <paramref name="framework"/> that holds the framework-free checks.</summary>
    internal FixtureRun WithChecks(string framework) => framework switch
    {
        "xunit v2" => Against,
        "xunit v3" => XunitV3,
        "NUnit" => NUnit,
        _ => throw new ArgumentOutOfRangeException(nameof(framework), framework, null),
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
