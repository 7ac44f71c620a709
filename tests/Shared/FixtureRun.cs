using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Meridian.Perf.Testing.Fixtures;

/// <summary>
/// Runs a fixture test project through the real runner (<c>dotnet test --logger trx</c>) in a child process and reads
/// its results back from the TRX file. Fixture projects hold deliberately failing tests, so they are not in the
/// solution; an adapter test class runs its fixture once through an xunit class fixture.
/// </summary>
internal sealed class FixtureRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

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
    public static FixtureRun Execute(string projectPath)
    {
        string root = RepositoryRoot();
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
            log = RunDotnet(
                root,
                "test", project, "-c", configuration, "-p:BuildProjectReferences=false", "--nologo",
                "--logger", "trx;LogFileName=fixture.trx", "--results-directory", results);
        }

        string trx = Path.Combine(results, "fixture.trx");
        if (!File.Exists(trx))
        {
            throw new InvalidOperationException($"The fixture {projectPath} wrote no TRX file; dotnet test said:{Environment.NewLine}{log}");
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

    private static string RunDotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own settings must not steer the child build or run.
        foreach (string name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in {Timeout}:{Environment.NewLine}{log}");
        }

        process.WaitForExit();
        lock (log)
        {
            return log.ToString();
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
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
            catch (IOException) when (deadline.Elapsed < Timeout)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Meridian.Perf.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Meridian.Perf.sln was not found above {AppContext.BaseDirectory}.");
    }
}
