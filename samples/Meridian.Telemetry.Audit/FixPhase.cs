using System.Text;
using Spectre.Console;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// The fix: what the optimized implementation changes in each stage and why, with the measured effect of each change.
/// The significance test (Bench.Compare, interleaved, p &lt; 0.05) plugs in through <see cref="IThroughputMeter"/>'s
/// successor when Meridian.Perf's statistics land; until then the verdict is the provisional one stated in the report.
/// </summary>
internal sealed class FixPhase : IAuditPhase
{
    private static readonly Dictionary<PipelineStage, (string Change, string Why)> Changes = new()
    {
        [PipelineStage.Decode] = (
            "`IndexOf` of the two magic bytes (vectorized) instead of a byte loop; header read in place with `BinaryPrimitives`-style unaligned reads instead of a `BinaryReader` over a `MemoryStream` per frame; CRC-32C with the CPU's CRC instruction 8 bytes at a time (`BitOperations.Crc32C`) instead of a table per byte; frames stay in the input buffer as `FrameRef` structs instead of a copy, a samples array and an object each.",
            "Decoding is per byte work: a table CRC costs a dependent load per byte, and every per-frame object is garbage that the GC must sweep."),
        [PipelineStage.Validate] = (
            "Sample finiteness checked 4 floats at a time on the raw bits (`Vector128`) instead of LINQ `Any` with a closure; per-sensor state in a pre-sized open-addressing table of structs instead of a `Dictionary` of objects created without capacity; a rejection is a return value, not an exception.",
            "An exception costs microseconds (stack trace capture and unwinding), so a lossy link makes the naive validator orders of magnitude slower; LINQ allocates an enumerator and a delegate per frame."),
        [PipelineStage.Aggregate] = (
            "A running count, min, max and double sum per window, read straight from the frame's bytes, instead of keeping every sample in a growing `List<float>` and running LINQ `Min`/`Max`/`Average` at close; no result list per frame.",
            "Keeping samples costs memory proportional to the window; the running form gives the bit-identical result (same comparisons, same summation order) in constant space."),
        [PipelineStage.Emit] = (
            "Each line formatted straight into the output's memory (`Utf8Formatter` for integers, `IUtf8SpanFormattable` for floats) instead of an interpolated string, then `Encoding.UTF8.GetBytes` into a new array, then a copy.",
            "The float formatting itself is the same (\"R\", shortest round-trip) and dominates; the naive version adds two allocations and two copies per line."),
    };

    public string Title => "The fix";

    public int Steps => 1;

    public AuditSection Run(AuditContext context, Action advance)
    {
        var md = new StringBuilder();
        md.AppendLine("## The fix").AppendLine();
        md.AppendLine("| stage | what changed | why | time per frame | bytes per frame |");
        md.AppendLine("|---|---|---|---|---|");
        var table = new Table().Title("The fix: naive → optimized, per frame").AddColumns("stage", "time", "bytes", "provisional verdict");
        foreach (var stage in Stages.All)
        {
            string name = Stages.Name(stage);
            var before = context.Throughput[AuditContext.Target("naive", name)];
            var after = context.Throughput[AuditContext.Target("optimized", name)];
            string time = $"{Format.Nanoseconds(before.NanosecondsPerFrame)} → {Format.Nanoseconds(after.NanosecondsPerFrame)} ({Format.Ratio(after.Median / before.Median)} faster)";
            string bytes = $"{Bytes(context, "naive", name)} → {Bytes(context, "optimized", name)}";
            md.AppendLine($"| {name} | {Changes[stage].Change} | {Changes[stage].Why} | {time} | {bytes} |");
            table.AddRow(name, time, bytes, Verdict(before, after));
        }

        var naive = context.Throughput[AuditContext.Target("naive", Stages.Streamed)];
        var optimized = context.Throughput[AuditContext.Target("optimized", Stages.Streamed)];
        table.AddRow("pipeline (stream)", $"{Format.Nanoseconds(naive.NanosecondsPerFrame)} → {Format.Nanoseconds(optimized.NanosecondsPerFrame)} ({Format.Ratio(optimized.Median / naive.Median)} faster)", $"{Bytes(context, "naive", Stages.Chunked)} → {Bytes(context, "optimized", Stages.Chunked)}", Verdict(naive, optimized));

        md.AppendLine();
        md.AppendLine("### Verification").AppendLine();
        md.AppendLine("**Not yet a significance test.** The fix is to be verified with `Bench.Compare` (interleaved samples, Welch p-value and change interval, verdict at p < 0.05), which arrives with Meridian.Perf's statistics. Until then the verdict below is provisional: \"faster\" only when every optimized sample beat every naive sample (disjoint ranges), which the throughput samples of Phase 1 show or do not show; it carries no p-value.").AppendLine();
        md.AppendLine("| target | naive samples (frames/s) | optimized samples (frames/s) | provisional verdict |");
        md.AppendLine("|---|---|---|---|");
        foreach (string what in Stages.All.Select(Stages.Name).Append(Stages.Chunked).Append(Stages.Streamed))
        {
            var before = context.Throughput[AuditContext.Target("naive", what)];
            var after = context.Throughput[AuditContext.Target("optimized", what)];
            md.AppendLine($"| {what} | {Format.Rate(before.Min)} – {Format.Rate(before.Max)} | {Format.Rate(after.Min)} – {Format.Rate(after.Max)} | {Verdict(before, after)} |");
        }

        md.AppendLine();
        advance();
        return new AuditSection(md.ToString(), table);
    }

    private static string Verdict(ThroughputResult before, ThroughputResult after) =>
        after.Min > before.Max ? "faster (disjoint ranges)" : after.Max < before.Min ? "slower (disjoint ranges)" : "inconclusive (ranges overlap)";

    private static string Bytes(AuditContext context, string implementation, string what) =>
        AllocationPhase.BytesPerFrame(context.Allocations[AuditContext.Target(implementation, what)]) is { } bytes
            ? Format.Bytes(Math.Round(bytes, 2))
            : "unreliable";
}
