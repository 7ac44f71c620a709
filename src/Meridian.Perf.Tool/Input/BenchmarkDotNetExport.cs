using System.Globalization;
using System.Text.Json;

namespace Meridian.Perf.Tool.Input;

/// <summary>
/// Reads a BenchmarkDotNet full JSON export (<c>--exporters json</c>, <c>*-report-full*.json</c>). Each launch
/// (<c>LaunchCount</c>, a separate process) becomes one run; its result iterations (overhead subtracted) are its
/// batches. Allocated bytes come from the memory diagnoser, when it ran.
/// </summary>
internal static class BenchmarkDotNetExport
{
    public static IEnumerable<(string Name, List<RunMeasurement> Runs)> Read(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException error)
        {
            throw new ToolInputException($"{file}: not readable JSON ({error.Message}).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Benchmarks", out var benchmarks)
                || benchmarks.ValueKind != JsonValueKind.Array)
            {
                throw new ToolInputException($"{file}: not a BenchmarkDotNet JSON export (no \"Benchmarks\" array). Export with --exporters json (the full export, which keeps every measurement).");
            }

            var read = new List<(string, List<RunMeasurement>)>();
            string title = document.RootElement.TryGetProperty("Title", out var t) ? t.GetString() ?? file : file;
            foreach (var benchmark in benchmarks.EnumerateArray())
            {
                if (!benchmark.TryGetProperty("FullName", out var fullName) || fullName.GetString() is not { Length: > 0 } name)
                {
                    throw new ToolInputException($"{file}: a benchmark without a \"FullName\": not a BenchmarkDotNet export this tool knows.");
                }

                read.Add((name, Launches(file, title, name, benchmark)));
            }

            return read;
        }
    }

    private static List<RunMeasurement> Launches(string file, string title, string name, JsonElement benchmark)
    {
        double? bytes = benchmark.TryGetProperty("Memory", out var memory) && memory.ValueKind == JsonValueKind.Object
            && memory.TryGetProperty("BytesAllocatedPerOperation", out var perOperation) && perOperation.ValueKind == JsonValueKind.Number
            ? perOperation.GetDouble()
            : null;
        var byLaunch = new SortedDictionary<int, List<double>>();
        if (benchmark.TryGetProperty("Measurements", out var measurements) && measurements.ValueKind == JsonValueKind.Array)
        {
            foreach (var measurement in measurements.EnumerateArray())
            {
                if (measurement.GetProperty("IterationMode").GetString() == "Workload" && measurement.GetProperty("IterationStage").GetString() == "Result")
                {
                    int launch = measurement.GetProperty("LaunchIndex").GetInt32();
                    double perOp = measurement.GetProperty("Nanoseconds").GetDouble() / measurement.GetProperty("Operations").GetDouble();
                    if (!byLaunch.TryGetValue(launch, out var list))
                    {
                        byLaunch[launch] = list = [];
                    }

                    list.Add(perOp);
                }
            }
        }

        if (byLaunch.Count == 0)
        {
            // A brief export: only the statistics over every iteration, with no launches to tell apart.
            if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object)
            {
                throw new ToolInputException($"{file}: '{name}' has neither measurements nor statistics (did the benchmark fail?).");
            }

            var values = statistics.TryGetProperty("OriginalValues", out var original) ? original.EnumerateArray().Select(v => v.GetDouble()).ToList() : [];
            byLaunch[1] = values.Count > 0 ? values : [statistics.GetProperty("Mean").GetDouble()];
        }

        return [.. byLaunch.Select(launch => Run(title, launch.Key, launch.Value, bytes))];
    }

    private static RunMeasurement Run(string title, int launch, List<double> values, double? bytes)
    {
        var summary = Statistics.SampleSummary.Of([.. values]);
        double? lower = double.IsFinite(summary.MeanConfidenceInterval.Lower) ? summary.MeanConfidenceInterval.Lower : null;
        double? upper = double.IsFinite(summary.MeanConfidenceInterval.Upper) ? summary.MeanConfidenceInterval.Upper : null;
        return new RunMeasurement
        {
            Run = string.Create(CultureInfo.InvariantCulture, $"{title}#launch{launch}"),
            Kind = "benchmarkdotnet",
            MeanNanoseconds = summary.Mean,
            MedianNanoseconds = summary.Median,
            LowerNanoseconds = lower,
            UpperNanoseconds = upper,
            BatchNanoseconds = values,
            BytesPerOperation = bytes,
        };
    }
}
