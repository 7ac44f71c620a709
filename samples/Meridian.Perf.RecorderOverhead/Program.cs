using System.Diagnostics;
using System.Globalization;
using Meridian.Perf;
using Meridian.Perf.Runtime;

// What a RuntimeEventRecorder costs an allocation-heavy loop, measured in one run:
//   dotnet run -c Release --project samples/Meridian.Perf.RecorderOverhead
// Batches with the recorder off and on are interleaved (off, on, on, off, ...) so that drift and other processes'
// load fall on both alike; the slowdown is the median of the on/off ratios of adjacent batches (with its quartiles),
// which cancels drift better than a ratio of medians on a shared machine. "Off" batches run after a recorder stopped:
// the runtime's events are switched off again then, so they measure the loop as if no recorder had ever existed.
const int Rounds = 40;
const int AllocationsPerBatch = 2_000_000;
var invariant = CultureInfo.InvariantCulture;
long samples = 0;
var flushWaits = new List<double>();

Loop(AllocationsPerBatch); // warm up

var off = new List<double>();
var on = new List<double>();
for (int round = 0; round < Rounds; round++)
{
    bool onFirst = round % 2 == 1;
    for (int half = 0; half < 2; half++)
    {
        if ((half == 0) == onFirst)
        {
            on.Add(TimeBatch(RuntimeEvents.All));
        }
        else
        {
            off.Add(TimeBatch(null));
        }
    }
}

double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

Console.WriteLine(string.Create(invariant, $"Allocation-heavy loop: {AllocationsPerBatch} x (new object() + new int[4]) per batch, {Rounds} batches per arm, interleaved."));
Console.WriteLine(string.Create(invariant, $"  recorder off (after stop): median {Median(off):0.00} ms"));
Console.WriteLine(string.Create(invariant, $"  recorder on (All kinds)  : median {Median(on):0.00} ms, {samples / Rounds} allocation samples per batch"));
var ratios = on.Zip(off, static (a, b) => a / b).Order().ToList();
Console.WriteLine(string.Create(invariant, $"  slowdown with the recorder on: {Median(ratios):0.000}x (median of {ratios.Count} adjacent on/off pairs; quartiles {ratios[ratios.Count / 4]:0.000}-{ratios[3 * ratios.Count / 4]:0.000}; ratio of medians {Median(on) / Median(off):0.000}x)"));
flushWaits.Sort();
Console.WriteLine(string.Create(invariant, $"  Stop() waiting for delivery of the window's end: median {Median(flushWaits):0.0} ms, max {flushWaits[^1]:0.0} ms"));
Console.WriteLine();

// What a report and a failed assertion look like.
using (var recorder = RuntimeEventRecorder.Start(RuntimeEvents.All))
{
    Loop(AllocationsPerBatch);
    GC.Collect();
    Console.WriteLine(recorder.Stop());
}

Console.WriteLine();
try
{
    Allocations.AssertNone(static () => Sink.Value = 42);
}
catch (AllocationAssertionException failure)
{
    Console.WriteLine(failure.Message);
}

double TimeBatch(RuntimeEvents? events)
{
    var recorder = events is { } kinds ? RuntimeEventRecorder.Start(kinds) : null;
    long start = Stopwatch.GetTimestamp();
    Loop(AllocationsPerBatch);
    double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    if (recorder is not null)
    {
        long stopping = Stopwatch.GetTimestamp();
        samples += recorder.Stop().AllocationSamples;
        flushWaits.Add(Stopwatch.GetElapsedTime(stopping).TotalMilliseconds);
    }

    return ms;
}

static void Loop(int count)
{
    for (int i = 0; i < count; i++)
    {
        Sink.Value = new object();
        Sink.Value = new int[4];
    }
}

internal static class Sink
{
    public static object? Value { get; set; }
}
