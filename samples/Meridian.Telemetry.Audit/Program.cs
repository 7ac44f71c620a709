using System.CommandLine;
using Meridian.Telemetry;
using Meridian.Telemetry.Audit;

// The performance audit of Meridian.Telemetry: dotnet run -c Release --project samples/Meridian.Telemetry.Audit
// Options: --help. Writes artifacts/audit/audit.md, flamegraph.svg and flamegraph.folded (relative to the current directory).
var frames = new Option<int>("--frames") { Description = "Frames in the generated capture that the stages and the chunked pipeline replay.", DefaultValueFactory = _ => 65_536 };
var sensors = new Option<int>("--sensors") { Description = "Sensors sending frames round-robin.", DefaultValueFactory = _ => GeneratorOptions.Default.SensorCount };
var samplesPerFrame = new Option<int>("--samples-per-frame") { Description = "Samples (f32) per frame, 1 to 64.", DefaultValueFactory = _ => GeneratorOptions.Default.SamplesPerFrame };
var framesPerLine = new Option<int>("--frames-per-second") { Description = "Frames per sensor and second: the frames per emitted line.", DefaultValueFactory = _ => GeneratorOptions.Default.FramesPerSensorPerSecond };
var seed = new Option<int>("--seed") { Description = "Seed of the capture generator.", DefaultValueFactory = _ => GeneratorOptions.Default.Seed };
var batch = new Option<int>("--batch") { Description = "Frames per call of the stages and the chunked pipeline.", DefaultValueFactory = _ => 1024 };
var streamFrames = new Option<int>("--stream-frames") { Description = "Frames one streamed pipeline run reads.", DefaultValueFactory = _ => 8192 };
var samples = new Option<int>("--samples") { Description = "Batches (samples) Bench.Run takes per target, 5 or more.", DefaultValueFactory = _ => 100 };
var profileMs = new Option<int>("--profile-ms") { Description = "Milliseconds the naive pipeline is CPU-profiled for the flamegraph.", DefaultValueFactory = _ => 1500 };
var output = new Option<string>("--output") { Description = "Directory for audit.md and the flamegraph.", DefaultValueFactory = _ => Path.Combine("artifacts", "audit") };
var generate = new Option<FileInfo?>("--generate") { Description = "Only write a capture to this file (with --frames, --faults and the scenario options) and exit." };
var faults = new Option<string>("--faults") { Description = "Faults in a --generate capture: none, typical or heavy.", DefaultValueFactory = _ => "none" };
faults.AcceptOnlyFromAmong("none", "typical", "heavy");

var root = new RootCommand("Audits the Meridian.Telemetry pipeline: baseline throughput, hot path, allocations per stage, and the fix, naive vs optimized; writes audit.md and flamegraph.svg.")
{
    frames, sensors, samplesPerFrame, framesPerLine, seed, batch, streamFrames, samples, profileMs, output, generate, faults,
};

root.SetAction(parse =>
{
    var scenario = new GeneratorOptions
    {
        Seed = parse.GetValue(seed),
        SensorCount = parse.GetValue(sensors),
        SamplesPerFrame = parse.GetValue(samplesPerFrame),
        FramesPerSensorPerSecond = parse.GetValue(framesPerLine),
        Faults = parse.GetValue(faults) switch
        {
            "typical" => FaultOptions.Typical,
            "heavy" => FaultOptions.Heavy,
            _ => FaultOptions.None,
        },
    };

    if (parse.GetValue(generate) is { } file)
    {
        var generator = new FrameGenerator(scenario);
        using (var stream = file.Create())
        {
            generator.WriteCapture(stream, parse.GetValue(frames));
        }

        var s = generator.Statistics;
        Console.WriteLine($"Wrote {s.Bytes} B, {s.Frames} frames ({s.BitFlips} bit flips, {s.Truncations} truncations, {s.OversizedCounts} oversized counts, {s.GarbageRuns} garbage runs, {s.Duplicates} duplicates, {s.Reorders} reorders) to {file.FullName}.");
        return 0;
    }

    return AuditRunner.Run(new AuditSettings
    {
        Scenario = scenario,
        Frames = parse.GetValue(frames),
        BatchFrames = parse.GetValue(batch),
        StreamFrames = parse.GetValue(streamFrames),
        BenchSamples = parse.GetValue(samples),
        ProfileTime = TimeSpan.FromMilliseconds(parse.GetValue(profileMs)),
        OutputDirectory = parse.GetValue(output)!,
    });
});

return root.Parse(args).Invoke();
