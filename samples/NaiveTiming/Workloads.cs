using System.Globalization;
using System.Runtime.CompilerServices;
using Meridian.Perf;

namespace NaiveTiming;

/// <summary>Each failure mode as a naive loop and its corrected twin; they differ only where the comment says.</summary>
internal static class Workloads
{
    private static readonly string OutputPath = Path.Combine(Path.GetTempPath(), $"naive-timing-{Environment.ProcessId}.txt");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SqrtDiscarded(int n)
    {
        for (int i = 0; i < n; i++)
        {
            _ = Math.Sqrt(i); // result unused: dead code
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SqrtConsumed(int n)
    {
        for (int i = 0; i < n; i++)
        {
            BlackBox.Consume(Math.Sqrt(i));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ChainOnConstant(int n)
    {
        for (int i = 0; i < n; i++)
        {
            BlackBox.Consume(Chain(2.0)); // constant input: folded at compile time
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ChainOnOpaque(int n)
    {
        for (int i = 0; i < n; i++)
        {
            BlackBox.Consume(Chain(BlackBox.Opaque(2.0)));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void FormatAndWrite(int n)
    {
        using var writer = new StreamWriter(OutputPath, append: false) { AutoFlush = true };
        for (int i = 0; i < n; i++)
        {
            writer.WriteLine((i * 1.5).ToString(CultureInfo.InvariantCulture)); // I/O inside the timed loop
        }
    }

    /// <summary>Times only the formatting; a real program writes its lines after the clock stops.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void FormatOnly(int n)
    {
        Span<char> buffer = stackalloc char[32];
        for (int i = 0; i < n; i++)
        {
            (i * 1.5).TryFormat(buffer, out int written, provider: CultureInfo.InvariantCulture);
            BlackBox.Consume(written);
        }
    }

    public static void Cleanup() => File.Delete(OutputPath);

    // Eight dependent square roots: ~100+ cycles of latency when computed, nothing when folded.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Chain(double x) =>
        Math.Sqrt(Math.Sqrt(Math.Sqrt(Math.Sqrt(Math.Sqrt(Math.Sqrt(Math.Sqrt(Math.Sqrt(x + 1) + 1) + 1) + 1) + 1) + 1) + 1) + 1);
}
