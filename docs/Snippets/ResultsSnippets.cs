using Meridian.Perf;

namespace Meridian.Docs.Snippets;

/// <summary>The snippets of docs/ci.md. The test process records results only when MERIDIAN_PERF_RESULTS is set.</summary>
public sealed class ResultsSnippets
{
    [Fact]
    public void Label()
    {
        byte[] frames = new byte[92 * 1000];
        #region results-label
        // Recorded as "telemetry/decode" with latency, bytes and throughput (frames/s) when results are on.
        using (PerfResults.Label("telemetry/decode", unitsPerOperation: 1000, unit: "frames"))
        {
            Bench.Run(frames, static f => BlackBox.Consume(f.AsSpan().IndexOf((byte)0x4D)), new BenchOptions { Samples = 5 });
        }
        #endregion

        Assert.Equal(Environment.GetEnvironmentVariable(PerfResults.FolderVariable) is { Length: > 0 }, PerfResults.IsRecording);
    }
}
