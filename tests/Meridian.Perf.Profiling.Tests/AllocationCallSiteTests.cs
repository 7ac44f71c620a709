using System.Runtime.CompilerServices;

namespace Meridian.Perf.Profiling.Tests;

/// <summary>
/// A failing allocation assertion names the allocating call sites with file:line when this package is referenced (it
/// is, here). Five bodies shaped like real test code; each expected line is marked in this file with a "site:" comment,
/// and at least four of the five must be named at the right method and line.
/// </summary>
public sealed class AllocationCallSiteTests
{
    private static object? s_sink;
    private static readonly string s_left = "left";
    private static readonly string s_right = "right";
    private static readonly int s_value = 42;

    private static readonly Action ConcatInLambda = static () => s_sink = s_left + s_right; // site:concat

    [Fact]
    public void Failure_messages_name_the_allocating_method_and_line_in_at_least_four_of_five_bodies()
    {
        var cases = new (string Name, Action Body, string Method, string Marker)[]
        {
            ("boxing two calls deep", static () => Outer(), "AllocationCallSiteTests.Inner", "site:box"),
            ("string.Concat in a lambda", ConcatInLambda, "AllocationCallSiteTests.", "site:concat"),
            ("new in a generic method", static () => Make<long>(), "AllocationCallSiteTests.Make", "site:generic"),
            ("closure in a helper", static () => Capture(), "AllocationCallSiteTests.Capture", "site:closure"),
            ("array in a local function", static () => Local(), "AllocationCallSiteTests.", "site:local"),
        };

        var results = new List<string>();
        var right = 0;
        foreach (var (name, body, method, marker) in cases)
        {
            var error = Assert.Throws<AllocationAssertionException>(() => Allocations.AssertNone(body));
            var line = LineOf(marker);
            var named = error.Message.Contains(method, StringComparison.Ordinal)
                && error.Message.Contains($"{nameof(AllocationCallSiteTests)}.cs:{line})", StringComparison.Ordinal);
            right += named ? 1 : 0;
            results.Add($"{name} (expected {method}… at line {line}): {(named ? "named" : "NOT named")}\n{error.Message}");
        }

        Assert.True(right >= 4, string.Join("\n\n", results));
        Assert.All(results, result => Assert.Contains("Call sites (sampled with stacks):", result));
    }

    private static int LineOf(string marker, [CallerFilePath] string file = "")
    {
        // Under ContinuousIntegrationBuild the compiler maps the repository to /_/; read the file from the checkout then.
        const string MappedRoot = "/_/";
        if (!File.Exists(file) && file.StartsWith(MappedRoot, StringComparison.Ordinal))
        {
            file = Path.Combine(Meridian.Perf.Testing.Fixtures.RepositoryPaths.Root(), file[MappedRoot.Length..]);
        }

        var lines = File.ReadAllLines(file);
        return Array.FindIndex(lines, line => line.Contains("// " + marker, StringComparison.Ordinal) && !line.Contains('"')) + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Outer() => Middle();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Middle() => Inner(s_value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Inner(int value)
    {
        s_sink = value; // site:box
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Make<T>()
    {
        s_sink = new T[8]; // site:generic
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Capture()
    {
        var captured = s_value;
        s_sink = (Func<int>)(() => captured + 1); // site:closure
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Local()
    {
        s_sink = Fill(s_value);

        [MethodImpl(MethodImplOptions.NoInlining)]
        static int[] Fill(int value)
        {
            var array = new int[16]; // site:local
            array[0] = value;
            return array;
        }
    }
}
