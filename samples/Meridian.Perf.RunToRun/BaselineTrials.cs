using System.Diagnostics;
using System.Globalization;
using Meridian.Perf;

namespace Meridian.Perf.RunToRun;

/// <summary>
/// Stored baselines across fresh processes, as <c>dotnet test</c> runs them: each child process checks the four
/// everyday bodies against the baselines in one folder with the package's runtime settings.
/// </summary>
internal static class BaselineTrials
{
    /// <summary>One child: <see cref="PerfAssert.NoRegression"/> on each everyday body; the arithmetic body may be changed.</summary>
    public static void Child(string directory, string variant)
    {
        var options = new BaselineOptions { Directory = directory, Log = static _ => { } };
        foreach (var (name, body) in Bodies.Everyday)
        {
            Action measured = (name, variant) switch
            {
                ("arithmetic", "2x") => static () => Bodies.Arithmetic(BlackBox.Opaque(4000)),
                ("arithmetic", "1.3x") => static () => Bodies.Arithmetic(BlackBox.Opaque(2600)),
                ("arithmetic", "alloc24") => static () =>
                {
                    Bodies.Arithmetic();
                    BlackBox.Consume(new object());
                },
                _ => body,
            };
            var watch = Stopwatch.StartNew();
            string line;
            try
            {
                var check = PerfAssert.NoRegression(name, measured, options);
                var c = check.Comparison;
                line = c is null
                    ? $"{check.Outcome} runs={check.RecordedRuns}"
                    : string.Create(CultureInfo.InvariantCulture, $"{check.Outcome} verdict={c.Verdict} change={c.Change:+0.0%;-0.0%} interval=[{c.ChangeInterval.Lower:+0.0%;-0.0%} {c.ChangeInterval.Upper:+0.0%;-0.0%}] runs={check.RecordedRuns} added={check.RunAdded} settled={check.Run.Settled} cpu={check.Run.CpuShare:0%}");
            }
            catch (PerformanceAssertionException failure)
            {
                line = $"FAILED verdict={failure.Comparison?.Verdict.ToString() ?? "none"} first-line: {failure.Message.Split('\n')[0]}";
                foreach (string messageLine in failure.Message.Split('\n'))
                {
                    Console.WriteLine("MESSAGE " + messageLine);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {variant} {name} {watch.Elapsed.TotalSeconds:0.00}s {line}"));
        }
    }

    /// <summary>The driver: records over <paramref name="records"/> processes, then runs the checks and the slowdown and allocation trials.</summary>
    public static void Drive(string directory, int records, int checks, int trials)
    {
        Directory.CreateDirectory(directory);
        Console.WriteLine($"load average at start: {LoadAverage()}");
        for (int i = 0; i < records; i++)
        {
            RunChild(directory, "same", "record");
        }

        for (int i = 0; i < checks; i++)
        {
            RunChild(directory, "same", "check");
        }

        foreach (string variant in new[] { "2x", "1.3x", "alloc24" })
        {
            for (int i = 0; i < trials; i++)
            {
                RunChild(directory, variant, "trial");
            }
        }

        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void RunChild(string directory, string variant, string phase)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(BaselineTrials).Assembly.Location, "baseline-child", directory, variant])
        {
            RedirectStandardOutput = true,
        };

        // What the package's buildTransitive targets write into a test project's runtimeconfig.
        start.Environment["DOTNET_TC_QuickJit"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        using var child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        foreach (string line in output.Split('\n').Where(static l => l.StartsWith("RESULT", StringComparison.Ordinal)))
        {
            Console.WriteLine($"{phase} {line}");
        }
    }
}
