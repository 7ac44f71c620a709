using System.Diagnostics;
using System.Text;

namespace Meridian.Perf.Testing.Fixtures;

/// <summary>Runs the <c>dotnet</c> CLI as a child process, as a user would from a shell, and captures what it prints.</summary>
internal static class DotnetCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(8);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    /// <returns>The exit code and everything it wrote to stdout and stderr.</returns>
    public static (int ExitCode, string Log) Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, DefaultTimeout, arguments);

    /// <summary>Runs <c>dotnet</c>; fails with its output when it exits non-zero.</summary>
    /// <returns>Everything it wrote to stdout and stderr.</returns>
    public static string RunChecked(string workingDirectory, params string[] arguments)
    {
        var (exitCode, log) = Run(workingDirectory, arguments);
        return exitCode == 0
            ? log
            : throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {exitCode} in {workingDirectory}:{Environment.NewLine}{log}");
    }

    public static (int ExitCode, string Log) Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
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
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in {timeout}:{Environment.NewLine}{log}");
        }

        process.WaitForExit();
        lock (log)
        {
            return (process.ExitCode, log.ToString());
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
}
