// A/A check of the baseline-build comparison on real code: the optimized telemetry pipeline's streamed run in the
// current build against an identical copy of Meridian.Telemetry.dll as the baseline. Every verdict must be NoChange.
//   dotnet build -c Release samples/BaselineBuild/AaCheck
//   mkdir -p /tmp/aa-base && cp samples/BaselineBuild/AaCheck/bin/Release/net10.0/Meridian.Telemetry.dll /tmp/aa-base/
//   MERIDIAN_PERF_BASELINE_DIRECTORY=/tmp/aa-base dotnet samples/BaselineBuild/AaCheck/bin/Release/net10.0/AaCheck.dll 5
using System.Buffers;
using System.Globalization;
using Meridian.Perf;
using Meridian.Telemetry;
using Meridian.Telemetry.Optimized;

int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
for (int run = 1; run <= runs; run++)
{
    BaselineBuildComparison comparison = BaselineBuild.Compare(AaBodies.StreamedPipeline);
    Console.WriteLine($"run {run} of {runs} (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}):");
    foreach (string line in comparison.ToString().Split('\n'))
    {
        if (line.StartsWith("change", StringComparison.Ordinal) || line.StartsWith("verdict", StringComparison.Ordinal))
        {
            Console.WriteLine("  " + line.TrimEnd());
        }
    }
}

internal static class AaBodies
{
    public static Action StreamedPipeline()
    {
        byte[] capture = new FrameGenerator(new GeneratorOptions { Seed = 42 }).GenerateCapture(8192);
        var pipeline = new OptimizedPipeline();
        var output = new ArrayBufferWriter<byte>(8192 * 128);
        return () =>
        {
            pipeline.ResetSensors();
            output.ResetWrittenCount();
            using var stream = new MemoryStream(capture, writable: false);
            pipeline.RunAsync(stream, output).AsTask().GetAwaiter().GetResult();
        };
    }
}
