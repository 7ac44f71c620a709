using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Meridian.Perf.Profiling.Tests;

/// <summary>
/// <see cref="ProfilerOptions.SourceLines"/>: a method whose two statements call an inlined helper, the first with three
/// times the work of the second. Inlined code has no frame of its own, so only the lines tell the two apart: the
/// method's own samples split over those two lines about 3 : 1. A profile without lines, or with the lines of the wrong
/// statements, fails.
/// </summary>
public sealed class SourceLineTests
{
    [Fact]
    public void Samples_of_inlined_code_carry_the_line_of_the_call_it_replaced()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return;
        }

        TwoStatements(1_000);
        var options = new ProfilerOptions { Sampler = CpuSampler.PerfEvent, SamplingInterval = TimeSpan.FromMicroseconds(250), SourceLines = true };

        var profile = CpuProfiler.Profile(
            () =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (clock.ElapsedMilliseconds < 600)
                {
                    BlackBox.Consume(TwoStatements(200_000));
                }
            },
            options);

        var byLine = new Dictionary<int, double>();
        double total = 0;
        foreach (var stack in profile.Stacks)
        {
            Assert.NotNull(stack.Lines);
            if (!stack.Frames[^1].Contains(nameof(TwoStatements), StringComparison.Ordinal))
            {
                continue;
            }

            total += stack.Weight;
            if (stack.Lines[^1] is { File: "SourceLineTests.cs" } line)
            {
                byLine[line.Line] = byLine.GetValueOrDefault(line.Line) + stack.Weight;
            }
        }

        var report = $"{total} samples in {nameof(TwoStatements)}, by line: {string.Join(", ", byLine.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}";
        Assert.True(total >= 500, report);
        var first = byLine.GetValueOrDefault(s_firstLine);
        var second = byLine.GetValueOrDefault(s_secondLine);
        Assert.True(first + second >= 0.9 * total, report);
        Assert.True(first / Math.Max(second, 1) is >= 2.0 and <= 4.5, report);
    }

    // The lines of the two statements, recorded by the statements themselves (a second statement on the same line).
    private static int s_firstLine;
    private static int s_secondLine;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong TwoStatements(int rounds)
    {
        ulong value = (ulong)rounds;
        value = Mix(value, 3 * rounds); s_firstLine = Line();
        value = Mix(value, rounds); s_secondLine = Line();
        return value;
    }

    private static int Line([CallerLineNumber] int line = 0) => line;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong value, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            value = (value ^ (value >> 29)) * 0xBF58476D1CE4E5B9UL;
        }

        return value;
    }
}
