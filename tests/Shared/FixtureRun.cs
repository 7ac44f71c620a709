using System.Diagnostics;
using System.Reflection;

namespace Meridian.Perf.Testing.Fixtures;

/// <summary>
/// Runs a fixture test project through the real runner (<c>dotnet test --logger trx</c>) in a child process and reads
/// its results back from the TRX file. Fixture projects hold deliberately failing tests, so they are not in the
/// solution; an adapter test class runs its fixture once through an xunit class fixture.
/// </summary>
public sealed class FixtureRun
{
    private FixtureRun(IReadOnlyList<TrxResult> results, string log, TimeSpan elapsed)
    {
        Results = results;
        Log = log;
        Elapsed = elapsed;
    }

    public IReadOnlyList<TrxResult> Results { get; }

    public string Log { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Builds and runs the fixture at <paramref name="projectPath"/> (relative to the repository root).</summary>
    /// <param name="projectPath">The fixture project, relative to the repository root.</param>
    /// <param name="testArguments">More arguments for <c>dotnet test</c> (a filter, <c>-e NAME=VALUE</c>, <c>--no-build</c>).</param>
    public static FixtureRun Execute(string projectPath, params string[] testArguments) =>
        Execute(projectPath, (project, configuration, results) =>
            ["test", project, "-c", configuration, "-p:BuildProjectReferences=false", "--nologo",
             "--logger", "trx;LogFileName=fixture.trx", "--results-directory", results, .. testArguments]);

    /// <summary>
    /// Builds and runs a Microsoft.Testing.Platform fixture (TUnit, the default xunit v3) as its own program with
    /// <c>dotnet run</c>, the way such a project runs outside VSTest, and reads the TRX file it writes: by default with
    /// Microsoft.Testing.Platform's <c>--report-trx</c>; <paramref name="trxArguments"/> replaces those for a program with
    /// its own command line (xunit v3's <c>-result-trx {results}/fixture.trx</c>), where <c>{results}</c> stands for the
    /// results folder.
    /// </summary>
    public static FixtureRun ExecuteProgram(string projectPath, params string[] trxArguments) =>
        ExecuteProgram(projectPath, [], trxArguments);

    /// <summary>As <see cref="ExecuteProgram(string, string[])"/>, with MSBuild arguments for the build (e.g. a property that
    /// switches the project to its framework's own runner).</summary>
    public static FixtureRun ExecuteProgramBuiltWith(string projectPath, params string[] buildArguments) =>
        ExecuteProgram(projectPath, buildArguments, []);

    private static FixtureRun ExecuteProgram(string projectPath, string[] buildArguments, string[] trxArguments) =>
        Execute(projectPath, (project, configuration, results) =>
            ["run", "--project", project, "-c", configuration, "-p:BuildProjectReferences=false", .. buildArguments, "--",
             .. (trxArguments.Length == 0 ? ["--report-trx", "--report-trx-filename", "fixture.trx", "--results-directory", "{results}"] : trxArguments)
                .Select(a => a.Replace("{results}", results, StringComparison.Ordinal))]);

    /// <summary>
    /// Runs a Microsoft.Testing.Platform fixture with <c>dotnet test</c> in the SDK's Microsoft.Testing.Platform mode: from
    /// the fixture's folder, whose global.json selects that runner (the repository's own global.json keeps VSTest).
    /// </summary>
    public static FixtureRun ExecuteMtpTest(string projectPath) =>
        Execute(projectPath, (project, configuration, results) =>
            ["test", "--project", project, "-c", configuration, "-p:BuildProjectReferences=false",
             "--report-trx", "--report-trx-filename", "fixture.trx", "--results-directory", results],
            workingDirectory: Path.GetDirectoryName(projectPath));

    private static FixtureRun Execute(string projectPath, Func<string, string, string, string[]> command, string? workingDirectory = null)
    {
        string root = RepositoryPaths.Root();
        string project = Path.Combine(root, projectPath);
        string results = Path.Combine(Path.GetTempPath(), "meridian-perf-fixtures", Guid.NewGuid().ToString("N"));
        string configuration = typeof(FixtureRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var stopwatch = Stopwatch.StartNew();

        // Adapter test projects run in parallel, and their fixtures share the core and adapter projects' obj folders:
        // one fixture restores and builds at a time. The referenced projects were built with this test project, in
        // this configuration, so they are not rebuilt.
        string log;
        using (AcquireLock(root))
        {
            (_, log) = DotnetCli.Run(workingDirectory is null ? root : Path.Combine(root, workingDirectory), command(project, configuration, results));
        }

        string trx = Path.Combine(results, "fixture.trx");
        if (!File.Exists(trx))
        {
            throw new InvalidOperationException($"The fixture {projectPath} wrote no TRX file; dotnet said:{Environment.NewLine}{log}");
        }

        var run = new FixtureRun(TrxReader.Read(trx), log, stopwatch.Elapsed);
        Directory.Delete(results, recursive: true);
        return run;
    }

    /// <summary>The one result whose test name is exactly <paramref name="testName"/>.</summary>
    public TrxResult Single(string testName)
    {
        var matches = Results.Where(r => r.TestName == testName).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException(
                $"Expected one result named '{testName}', found {matches.Count}. Results:{Environment.NewLine}" +
                string.Join(Environment.NewLine, Results.Select(r => $"  {r.TestName}: {r.Outcome}")));
    }

    private static FileStream AcquireLock(string root)
    {
        string directory = Path.Combine(root, "artifacts");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, ".fixture-build.lock");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < DotnetCli.DefaultTimeout)
            {
                Thread.Sleep(250);
            }
        }
    }
}
