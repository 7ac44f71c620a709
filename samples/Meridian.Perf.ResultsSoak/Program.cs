using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Meridian.Perf;

// The results sink under load: 8 processes at once, each measuring on 4 threads at once, all writing into one results
// folder; every record is read back and checked (whole JSON, contiguous sequence numbers per file, unique names),
// 10 times over. Run: dotnet run -c Release --project samples/Meridian.Perf.ResultsSoak [-- runs processes threads each]
if (args is ["child", string threadText, string eachText])
{
    return Child(int.Parse(threadText, CultureInfo.InvariantCulture), int.Parse(eachText, CultureInfo.InvariantCulture));
}

int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
int processes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
int each = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
int expected = processes * threads * each;
int failures = 0;
for (int run = 1; run <= runs; run++)
{
    string folder = Path.Combine(Path.GetTempPath(), "meridian-results-soak", Guid.NewGuid().ToString("N"));
    var stopwatch = Stopwatch.StartNew();
    var children = Enumerable.Range(0, processes).Select(_ => StartChild(folder, threads, each)).ToList();
    foreach (var child in children)
    {
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            Console.WriteLine($"a child exited with {child.ExitCode}: {child.StandardError.ReadToEnd()}");
            failures++;
        }
    }

    var (records, corrupt, gaps, duplicates, files) = Check(folder);
    long lost = expected - records;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"run {run}: {files} files, {records} of {expected} records, {lost} lost, {corrupt} corrupt, {gaps} sequence gaps, {duplicates} duplicate names ({stopwatch.Elapsed.TotalSeconds:0.0} s)"));
    failures += lost != 0 || corrupt != 0 || gaps != 0 || duplicates != 0 || files != processes ? 1 : 0;
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine(failures == 0 ? $"all {runs} runs: 0 lost, 0 corrupt" : $"{failures} run(s) failed");
return failures == 0 ? 0 : 1;

static Process StartChild(string folder, int threads, int each)
{
    var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "child", threads.ToString(CultureInfo.InvariantCulture), each.ToString(CultureInfo.InvariantCulture)])
    {
        UseShellExecute = false,
        RedirectStandardError = true,
        RedirectStandardOutput = true,
    };
    start.Environment[PerfResults.FolderVariable] = folder;
    return Process.Start(start)!;
}

static int Child(int threads, int each)
{
    var options = new AllocationOptions { WarmupCalls = 1, Windows = 2, CallsPerWindow = 10, NameCulprits = false };
    using var barrier = new Barrier(threads);
    var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
    {
        barrier.SignalAndWait();
        for (int i = 0; i < each; i++)
        {
            Allocations.Measure(static () => BlackBox.Consume(new byte[32]), options);
        }
    })).ToList();
    workers.ForEach(static w => w.Start());
    workers.ForEach(static w => w.Join());
    return 0;
}

static (long Records, int Corrupt, int Gaps, int Duplicates, int Files) Check(string folder)
{
    long records = 0;
    int corrupt = 0, gaps = 0, duplicates = 0;
    string[] files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jsonl") : [];
    foreach (string file in files)
    {
        long expectedSequence = 1;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(file))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                long sequence = document.RootElement.GetProperty("process").GetProperty("sequence").GetInt64();
                gaps += sequence == expectedSequence ? 0 : 1;
                expectedSequence = sequence + 1;
                duplicates += names.Add(document.RootElement.GetProperty("name").GetString()!) ? 0 : 1;
                records++;
            }
            catch (JsonException)
            {
                corrupt++;
            }
        }
    }

    return (records, corrupt, gaps, duplicates, files.Length);
}
