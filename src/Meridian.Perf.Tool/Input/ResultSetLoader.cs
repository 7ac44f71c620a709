using System.Text.Json;
using Meridian.Perf.Results;

namespace Meridian.Perf.Tool.Input;

/// <summary>
/// Reads a result set: a results folder (the <c>*.jsonl</c> files the sink writes, in it or below it), one results
/// file, a BenchmarkDotNet full JSON export (<c>--exporters json</c>), or a folder of those exports.
/// </summary>
internal static class ResultSetLoader
{
    public static ResultSet Load(string path)
    {
        if (Directory.Exists(path))
        {
            string[] results = Directory.GetFiles(path, "*.jsonl", SearchOption.AllDirectories);
            if (results.Length > 0)
            {
                return FromResults(path, results);
            }

            string[] exports = Directory.GetFiles(path, "*.json", SearchOption.AllDirectories);
            if (exports.Length > 0)
            {
                return FromBenchmarkDotNet(path, exports);
            }

            throw new ToolInputException($"'{path}' holds no results: no meridian-perf results files (*.jsonl, written when MERIDIAN_PERF_RESULTS is set) and no BenchmarkDotNet JSON exports (*.json) in it or below it.");
        }

        if (File.Exists(path))
        {
            return path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? FromResults(path, [path]) : FromBenchmarkDotNet(path, [path]);
        }

        throw new ToolInputException($"'{path}' does not exist: give a results folder (MERIDIAN_PERF_RESULTS), a results file (*.jsonl) or a BenchmarkDotNet JSON export.");
    }

    private static ResultSet FromResults(string source, string[] files)
    {
        var series = new Dictionary<string, List<RunMeasurement>>(StringComparer.Ordinal);
        var runs = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            int lineNumber = 0;
            foreach (string line in File.ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var record = Parse(file, lineNumber, line);
                runs.Add(record.Process.Run);
                var measurement = ResultRecordReader.ToMeasurement(record);
                if (!series.TryGetValue(record.Name, out var list))
                {
                    series[record.Name] = list = [];
                }

                list.Add(measurement);
            }
        }

        if (series.Count == 0)
        {
            throw new ToolInputException($"'{source}' holds results files but no records in them.");
        }

        return new ResultSet(source, "meridian-perf results", files.Length, runs.Count, series.ToDictionary(p => p.Key, p => new BenchmarkSeries(p.Key, p.Value), StringComparer.Ordinal));
    }

    private static ResultRecord Parse(string file, int lineNumber, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (!document.RootElement.TryGetProperty("schema", out var schema) || schema.GetString() is not { } name || !name.StartsWith("meridian-perf/result@", StringComparison.Ordinal))
            {
                throw new ToolInputException($"{file}, line {lineNumber}: not a meridian-perf result (no \"schema\": \"meridian-perf/result@…\").");
            }

            if (name != ResultRecord.CurrentSchema)
            {
                throw new ToolInputException($"{file}, line {lineNumber}: schema '{name}' is not one this tool reads ({ResultRecord.CurrentSchema}); use the meridian-perf tool of the same version as the library that wrote it.");
            }

            return document.RootElement.Deserialize(ResultsJsonContext.Default.ResultRecord)
                ?? throw new ToolInputException($"{file}, line {lineNumber}: an empty record.");
        }
        catch (JsonException error)
        {
            throw new ToolInputException($"{file}, line {lineNumber}: not readable JSON ({error.Message}).");
        }
    }

    private static ResultSet FromBenchmarkDotNet(string source, string[] files)
    {
        var series = new Dictionary<string, List<RunMeasurement>>(StringComparer.Ordinal);
        int launches = 0;
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            foreach (var (name, measurements) in BenchmarkDotNetExport.Read(file))
            {
                if (!series.TryGetValue(name, out var list))
                {
                    series[name] = list = [];
                }

                list.AddRange(measurements);
                launches = Math.Max(launches, list.Count);
            }
        }

        return new ResultSet(source, "BenchmarkDotNet JSON", files.Length, launches, series.ToDictionary(p => p.Key, p => new BenchmarkSeries(p.Key, p.Value), StringComparer.Ordinal));
    }
}
