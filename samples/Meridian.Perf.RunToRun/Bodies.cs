using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meridian.Perf;

namespace Meridian.Perf.RunToRun;

/// <summary>Everyday and framework-heavy bodies, each a few hundred nanoseconds to a few microseconds.</summary>
internal static class Bodies
{
    private static readonly int[] Numbers = Enumerable.Range(0, 512).ToArray();
    private static readonly Dictionary<int, int> Table = Enumerable.Range(0, 1024).ToDictionary(static i => i * 7, static i => i);
    private static readonly Regex Pattern = new(@"(\w+)@(\w+)\.com", RegexOptions.CultureInvariant);
    private static readonly Order Sample = new(42, "widget", 3.25, ["a", "b", "c"]);
    private static readonly int[] Unsorted = Enumerable.Range(0, 256).Select(static i => (i * 7919) % 1000).ToArray();
    private static readonly int[] Scratch = new int[256];

    /// <summary>Gets the eight framework-heavy bodies of the steady-state acceptance check.</summary>
    public static IReadOnlyList<(string Name, Action Body)> FrameworkHeavy { get; } =
    [
        ("linq", Linq),
        ("dictionary", Dictionary),
        ("float-format", FloatFormat),
        ("regex", RegexMatch),
        ("json", Json),
        ("grouping", Grouping),
        ("sorting", Sorting),
        ("long-loop", LongLoop),
    ];

    /// <summary>Gets the four everyday bodies of the stored-baseline A/A check (the ones issue 11 measured).</summary>
    public static IReadOnlyList<(string Name, Action Body)> Everyday { get; } =
    [
        ("linq", Linq),
        ("dictionary", Dictionary),
        ("interpolation", FloatFormat),
        ("arithmetic", Arithmetic),
    ];

    public static void Linq() => BlackBox.Consume(Numbers.Where(static n => (n & 1) == 0).Select(static n => n * 3).Sum());

    public static void Dictionary()
    {
        int sum = 0;
        for (int i = 0; i < 64; i++)
        {
            sum += Table.TryGetValue(i * 7, out int value) ? value : 0;
        }

        BlackBox.Consume(sum);
    }

    public static void FloatFormat() => BlackBox.Consume(string.Create(CultureInfo.InvariantCulture, $"sensor {BlackBox.Opaque(17)}: {BlackBox.Opaque(21.37f)} °C"));

    public static void RegexMatch() => BlackBox.Consume(Pattern.Match("contact: someone@example.com, please").Groups[2].Value);

    public static void Json() => BlackBox.Consume(JsonSerializer.Serialize(Sample));

    public static void Grouping() => BlackBox.Consume(Numbers.Take(256).GroupBy(static n => n % 16).Select(static g => g.Count()).Max());

    public static void Sorting()
    {
        Unsorted.CopyTo(Scratch, 0);
        Array.Sort(Scratch);
        BlackBox.Consume(Scratch[128]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void LongLoop()
    {
        double x = 1;
        for (int i = 0; i < 20_000; i++)
        {
            x = (x * 1.000001) + (i & 3);
        }

        BlackBox.Consume(x);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Arithmetic()
    {
        long hash = 17;
        for (int i = 0; i < 2000; i++)
        {
            hash = (hash * 31) + i;
        }

        BlackBox.Consume(hash);
    }

    /// <summary>The arithmetic body with twice (or 1.3 times) the work, for the slowdown trials.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Arithmetic(int steps)
    {
        long hash = 17;
        for (int i = 0; i < steps; i++)
        {
            hash = (hash * 31) + i;
        }

        BlackBox.Consume(hash);
    }

    internal sealed record Order(int Id, string Name, double Price, string[] Tags);
}
