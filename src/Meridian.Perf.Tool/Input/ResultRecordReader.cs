using Meridian.Perf.Results;

namespace Meridian.Perf.Tool.Input;

/// <summary>Turns a results record into the run measurement the comparer and exporters use.</summary>
internal static class ResultRecordReader
{
    public static RunMeasurement ToMeasurement(ResultRecord record) => new()
    {
        Run = record.Process.Run,
        Kind = record.Kind,
        MeanNanoseconds = record.Time?.Mean,
        MedianNanoseconds = record.Time?.Median,
        LowerNanoseconds = record.Time?.Lower,
        UpperNanoseconds = record.Time?.Upper,
        BatchNanoseconds = record.Time?.Values ?? [],
        BytesPerOperation = record.BytesPerOperation,
        Throughput = record.Throughput?.Value,
        ThroughputLower = record.Throughput?.Lower,
        ThroughputUpper = record.Throughput?.Upper,
        ThroughputUnit = record.Throughput?.Unit,
        Verdict = record.Verdict is { } verdict && Enum.TryParse<Verdict>(verdict.Verdict, out var parsed) ? parsed : null,
        Change = record.Verdict?.Change,
        ChangeLower = record.Verdict?.Lower,
        ChangeUpper = record.Verdict?.Upper,
        PValue = record.Verdict?.PValue,
        Passed = record.Allocations?.Passed ?? (record.Outcome == "Failed" ? false : null),
        BudgetBytes = record.Allocations?.BudgetBytesPerCall,
        Commit = record.Ci?.Commit,
        Note = record.Allocations?.UnreliableReason,
    };
}
