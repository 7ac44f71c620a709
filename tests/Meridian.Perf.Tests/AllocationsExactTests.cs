using System.Runtime.CompilerServices;

namespace Meridian.Perf.Tests;

/// <summary>
/// Exact byte counts on x64 .NET: an object header and method-table pointer take 16 B, objects are 8-byte aligned and
/// at least 24 B. int[n] is 16 + 8 (length, padded) + 4n, rounded up; a string is 22 + 2 × length, rounded up.
/// </summary>
public sealed class AllocationsExactTests
{
    private static object? s_sink;
    private static readonly string s_left = "abc";
    private static readonly string s_right = "def";

    [Fact]
    public void Empty_body_allocates_nothing()
    {
        var report = Allocations.Measure(static () => { });

        Assert.Equal(0, report.BytesPerCall);
        Assert.All(report.WindowBytes, bytes => Assert.Equal(0, bytes));
    }

    [Fact]
    public void New_object_stored_to_a_static_field_is_24_bytes()
    {
        var report = Allocations.Measure(static () => s_sink = new object());

        Assert.Equal(24, report.BytesPerCall);
    }

    [Fact]
    public void Boxed_int_is_24_bytes()
    {
        var report = Allocations.Measure(42, static value => s_sink = value);

        Assert.Equal(24, report.BytesPerCall);
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(1, 32)]
    [InlineData(1000, 4024)]
    public void Int_array_of_n_elements(int length, int expectedBytes)
    {
        var report = Allocations.Measure(length, static n => s_sink = new int[n]);

        Assert.Equal(expectedBytes, report.BytesPerCall);
    }

    [Fact]
    public void Two_string_concat_is_40_bytes()
    {
        // "abcdef": 22 + 2 × 6 = 34, aligned to 40.
        var report = Allocations.Measure(static () => s_sink = string.Concat(s_left, s_right));

        Assert.Equal(40, report.BytesPerCall);
    }

    [Fact]
    public void The_measuring_code_allocates_nothing_over_1000_measurements()
    {
        var options = new AllocationOptions { WarmupCalls = 1, Windows = 2, CallsPerWindow = 10 };
        for (int i = 0; i < 1000; i++)
        {
            var report = Allocations.Measure(static () => { }, options);
            Assert.Equal(0, report.BytesPerCall);
        }
    }

    [Fact]
    public void Every_window_is_reported_and_the_figure_is_the_smallest()
    {
        var options = new AllocationOptions { WarmupCalls = 0, Windows = 4, CallsPerWindow = 10 };
        int calls = 0;

        // Allocates 24 B on the first call only: the first window reads 2.4 B per call, the others 0.
        var report = Allocations.Measure(() =>
        {
            if (calls++ == 0)
            {
                s_sink = new object();
            }
        }, options);

        Assert.Equal(new[] { 24L, 0, 0, 0 }, report.WindowBytes);
        Assert.Equal(new[] { 2.4, 0, 0, 0 }, report.WindowBytesPerCall);
        Assert.Equal(0, report.BytesPerCall);
        Assert.Equal(options, report.Options);
    }

    [Fact]
    public void A_lazy_first_call_cost_is_absorbed_by_warm_up()
    {
        // The first name lookup of an enum type builds the type's name cache; later calls return the cached string.
        // (Enum.ToString() would box the value, 24 B every call; the generic GetName does not.)
        var cold = Allocations.Measure(static () => s_sink = Enum.GetName(FirstCallOnly.Beta), new AllocationOptions { WarmupCalls = 0, Windows = 1, CallsPerWindow = 1 });
        var warm = Allocations.Measure(static () => s_sink = Enum.GetName(FirstCallOnly.Beta));

        Assert.True(cold.BytesPerCall > 0, $"the first call should allocate the enum's name cache, read {cold.BytesPerCall} B");
        Assert.Equal(0, warm.BytesPerCall);
    }

    [Fact]
    public void Non_escaping_objects_are_removed_by_optimized_code()
    {
        // Escape analysis runs only in optimized code; the test project runs with quick JIT off, as a package consumer does.
        // .NET 10 stack-allocates a small non-escaping array; .NET 8 (tests/Meridian.Perf.Net8.Tests) still allocates
        // it: 16 + 8 + 3 × 4 = 36, aligned to 40 B. Either way the figure is exact.
        Assert.True(MeasurementMode.Current.OptimizedFromFirstCall, MeasurementMode.Current.ToString());
        var report = Allocations.Measure(static () => LocalArraySum());

        Assert.Equal(Environment.Version.Major >= 10 ? 0 : 40, report.BytesPerCall);
    }

    [Fact]
    public void Report_names_the_mode_and_the_counters()
    {
        var report = Allocations.Measure(static () => s_sink = new object());

        Assert.True(report.OptimizedCode);
        Assert.False(report.Mode.ConcurrentGc);
        Assert.Equal(500 * 24, report.Counters.ThreadAllocatedBytes);
        Assert.Contains("Optimized code measured (quick JIT off", report.ToString());
    }

    [Fact]
    public void Body_exceptions_propagate()
    {
        var thrown = Assert.Throws<InvalidTimeZoneException>(() => Allocations.Measure(static () => throw new InvalidTimeZoneException("boom")));

        Assert.Equal("boom", thrown.Message);
    }

    [Fact]
    public void Options_are_validated_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AllocationOptions { Windows = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AllocationOptions { CallsPerWindow = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AllocationOptions { WarmupCalls = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => Allocations.AssertAtMost(-1, static () => { }));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int LocalArraySum()
    {
        var values = new int[3];
        values[1] = 2;
        return values[0] + values[1] + values[2];
    }

    private enum FirstCallOnly
    {
        Alpha,
        Beta,
    }
}
