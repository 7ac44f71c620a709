using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Meridian.Perf;

namespace Meridian.Perf.RunToRun;

/// <summary>The baseline-file soak: recorders killed with SIGKILL at random moments, and eight recorders of one key at once.</summary>
internal static class BaselineSoak
{
    private const string Key = "soak";

    // Tiny measurements, so that most of a recorder's life is spent reading and writing the file.
    private static readonly BenchOptions Tiny = new() { Samples = 5, BatchTime = TimeSpan.FromMilliseconds(0.1), WarmupQuietPeriod = TimeSpan.Zero, MaxWarmupTime = TimeSpan.Zero };

    public static void Recorder(string directory, string mode)
    {
        bool loop = mode == "loop";
        var options = new BaselineOptions { Directory = directory, Runs = 1, Bench = Tiny, Accept = mode != "once", Log = static _ => { } };
        int recorded = 0;
        do
        {
            var check = PerfAssert.NoRegression(Key, static () => Bodies.Arithmetic(), options);
            recorded++;
            Console.WriteLine($"OUTCOME {check.Outcome} {recorded}");
        }
        while (loop);
    }

    public static void KillCycles(string directory, int cycles)
    {
        Directory.CreateDirectory(directory);
        Console.WriteLine($"load average at start: {BaselineTrials.LoadAverage()}");
        var random = new Random(11);
        int valid = 0, missing = 0, corrupt = 0, maxLeftovers = 0, writesBeforeKill = 0;
        var leftoversSeen = new HashSet<string>();
        var validator = new BaselineOptions { Directory = directory, Runs = 1, Bench = Tiny, Accept = false, Log = static _ => { } };
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            using var child = Start("soak-recorder", directory, "loop");
            int lines = 0;
            child.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.StartsWith("OUTCOME", StringComparison.Ordinal) == true)
                {
                    Interlocked.Increment(ref lines);
                }
            };
            child.BeginOutputReadLine();
            Thread.Sleep(random.Next(300, 4000));
            child.Kill(); // SIGKILL on Linux: no finally block, no flush
            child.WaitForExit();
            writesBeforeKill += lines;
            maxLeftovers = Math.Max(maxLeftovers, Leftovers(directory));

            // Each temporary file name is new per write: the distinct ones seen are kills between writing and renaming.
            leftoversSeen.UnionWith(Directory.GetFiles(directory, "*.tmp"));
            try
            {
                // Reads the file (complete with one run; this driver runs with the runtime's default settings, so the
                // time is not compared): throws InvalidDataException if the kill corrupted it.
                PerfAssert.NoRegression(Key, static () => Bodies.Arithmetic(), validator);
                valid++;
            }
            catch (InvalidOperationException) when (!File.Exists(Path.Combine(directory, $"BaselineSoak.{Key}.perf.json")))
            {
                missing++;
            }
            catch (InvalidDataException error)
            {
                corrupt++;
                Console.WriteLine($"cycle {cycle}: CORRUPT {error.Message}");
            }
            catch (PerformanceAssertionException)
            {
                valid++; // a verdict means the file was read whole
            }
        }

        // One more writer, with the package's settings like the killed ones: it must remove what the last kill left.
        int beforeClean = Leftovers(directory);
        using (var last = Start("soak-recorder", directory, "accept"))
        {
            last.StandardOutput.ReadToEnd();
            last.WaitForExit();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT soak-kill: {cycles} cycles, {writesBeforeKill} records completed before the kills; {leftoversSeen.Count} kills left a temporary file behind; file valid after {valid} cycles, absent after {missing}, corrupt after {corrupt}; temporary leftovers at most {maxLeftovers} at once, {beforeClean} before the final record, {Leftovers(directory)} after it; load average at end {BaselineTrials.LoadAverage()}"));
    }

    public static void Races(string directory, int rounds)
    {
        Directory.CreateDirectory(directory);
        Console.WriteLine($"load average at start: {BaselineTrials.LoadAverage()}");
        string path = Path.Combine(directory, $"BaselineSoak.{Key}.perf.json");
        int good = 0;
        for (int round = 0; round < rounds; round++)
        {
            File.Delete(path);
            var children = Enumerable.Range(0, 8).Select(_ => Start("soak-recorder", directory, "once")).ToList();
            var outcomes = children.Select(static c =>
            {
                string output = c.StandardOutput.ReadToEnd();
                c.WaitForExit();
                c.Dispose();
                return output.Split('\n').FirstOrDefault(static l => l.StartsWith("OUTCOME", StringComparison.Ordinal))?.Split(' ')[1] ?? "crashed";
            }).ToList();
            int recorded = outcomes.Count(static o => o == nameof(BaselineOutcome.Recorded));
            int told = outcomes.Count(static o => o == nameof(BaselineOutcome.NotRecorded));
            int runs = JsonNode.Parse(File.ReadAllText(path))!["runs"]!.AsArray().Count;
            bool ok = recorded == 1 && told == 7 && runs == 1 && Leftovers(directory) == 0;
            good += ok ? 1 : 0;
            Console.WriteLine($"round {round + 1}: {string.Join(' ', outcomes)}; file holds {runs} run; {(ok ? "ok" : "WRONG")}");
        }

        Console.WriteLine($"RESULT soak-race: {good} of {rounds} rounds with exactly one Recorded, seven NotRecorded, a valid one-run file and no leftovers; load average at end {BaselineTrials.LoadAverage()}");
    }

    private static int Leftovers(string directory) => Directory.GetFiles(directory, "*.tmp").Length;

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(BaselineSoak).Assembly.Location, .. arguments]) { RedirectStandardOutput = true };
        start.Environment["DOTNET_TC_QuickJit"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        return Process.Start(start)!;
    }
}
