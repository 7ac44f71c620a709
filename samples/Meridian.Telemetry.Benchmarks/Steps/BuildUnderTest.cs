using System.Reflection;
using System.Runtime.Loader;

namespace Meridian.Telemetry.Benchmarks.Steps;

/// <summary>
/// One build of Meridian.Telemetry.dll loaded into a load context of its own, so that two builds (the code before an
/// improvement step and after it) run side by side in one process and <c>Bench.Compare</c> can interleave them.
/// Everything else (Meridian.Perf, the framework) is shared with the default context. Both builds are called the same
/// way, through delegates bound by reflection once, so neither side pays a cost the other does not.
/// </summary>
internal sealed class BuildUnderTest
{
    private readonly Assembly _assembly;

    public BuildUnderTest(string directory, string label)
    {
        Label = label;
        var context = new TelemetryLoadContext(Path.GetFullPath(directory), label);
        _assembly = context.LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(directory), "Meridian.Telemetry.dll"));
    }

    public string Label { get; }

    /// <summary>A streamed run of the optimized pipeline over the first <paramref name="frames"/> frames of the default capture.</summary>
    public Func<int> StreamRun(int frames, out byte[] output)
    {
        var workload = NewWorkload();
        var capture = (byte[])workload.GetType().GetProperty("Capture")!.GetValue(workload)!;
        var pipeline = workload.GetType().GetProperty("OptimizedPipeline")!.GetValue(workload)!;
        var runAsync = pipeline.GetType().GetMethod("RunAsync")!;
        var reset = pipeline.GetType().GetMethod("ResetSensors")!;
        int frameSize = FrameFormat.FrameSize(GeneratorOptions.Default.SamplesPerFrame);
        int length = Math.Min(frames * frameSize, capture.Length);
        var writer = new System.Buffers.ArrayBufferWriter<byte>(frames * 128);
        var fresh = DefaultPipelineOptions();
        var own = Activator.CreateInstance(pipeline.GetType(), fresh, 256)!;
        object[] arguments = new object[3];
        int Run()
        {
            reset.Invoke(own, null);
            writer.ResetWrittenCount();
            using var stream = new MemoryStream(capture, 0, length, writable: false);
            arguments[0] = stream;
            arguments[1] = writer;
            arguments[2] = CancellationToken.None;
            ((ValueTask)runAsync.Invoke(own, arguments)!).AsTask().GetAwaiter().GetResult();
            return writer.WrittenCount;
        }

        Run();
        output = writer.WrittenSpan.ToArray();
        return Run;
    }

    /// <summary>One optimized stage (or the chunked pipeline, <c>stage</c> = "chunks") over the next batch of <see cref="StageWorkload"/>.</summary>
    public Func<int> Stage(string stage)
    {
        var workload = NewWorkload();
        var type = workload.GetType();
        if (stage == "chunks")
        {
            var pipeline = type.GetMethod("Pipeline")!.CreateDelegate<Func<bool, int>>(workload);
            return () => pipeline(true);
        }

        var method = type.GetMethod(stage switch
        {
            "decode" => "Decode",
            "validate" => "Validate",
            "aggregate" => "Aggregate",
            "emit" => "Emit",
            _ => throw new ArgumentException($"Unknown stage {stage}."),
        }, Type.EmptyTypes)!;
        return method.CreateDelegate<Func<int>>(workload);
    }

    private object NewWorkload()
    {
        var type = _assembly.GetType("Meridian.Telemetry.StageWorkload")!;
        return Activator.CreateInstance(type, null, 65_536, 1024, null)!;
    }

    private object DefaultPipelineOptions() =>
        _assembly.GetType("Meridian.Telemetry.TelemetryPipelineOptions")!.GetProperty("Default")!.GetValue(null)!;

    private sealed class TelemetryLoadContext(string directory, string name) : AssemblyLoadContext(name)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == "Meridian.Telemetry" ? LoadFromAssemblyPath(Path.Combine(directory, "Meridian.Telemetry.dll")) : null;
    }
}
