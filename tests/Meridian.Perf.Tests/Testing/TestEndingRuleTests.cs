using System.Reflection;
using System.Text.RegularExpressions;
using Meridian.Perf.Testing;

namespace Meridian.Perf.Tests.Testing;

/// <summary>
/// Issue 12 at core's level (the fixture runs in each adapter's tests check the same through the real runners): every way
/// a framework hands a test to <see cref="TestBodyAllocations"/> is measured, or the failure says why it was not.
/// </summary>
[Trait("Suite", "Reliability")]
public sealed class TestEndingRuleTests
{
    private static readonly Settings NoneAllowed = new();

    [Fact]
    public void A_static_method_is_measured_even_when_the_framework_hands_over_its_fixture_object()
    {
        // NUnit passes the fixture instance for a static test; binding a delegate to it failed with "Cannot bind".
        var failure = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), Method(nameof(Bodies.StaticBoxes)), null));

        Assert.Equal(24, failure.Report!.BytesPerCall);
        Assert.Equal(0, TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), Method(nameof(Bodies.StaticEmpty)), null).BytesPerCall);
    }

    [Fact]
    public void A_trailing_token_parameter_the_framework_fills_in_gets_the_test_token()
    {
        using var source = new CancellationTokenSource();
        var bodies = new Bodies();

        var report = TestBodyAllocations.AssertWithinBudget(NoneAllowed, new TestBodyCall(Method(nameof(Bodies.CountsToken)))
        {
            TestClassInstance = bodies,
            Arguments = [5],
            Cancellation = source.Token,
        });

        Assert.Equal(0, report.BytesPerCall);
        Assert.Equal(503 * 5, bodies.Total);
        Assert.Equal(source.Token, bodies.LastToken);
    }

    [Fact]
    public void A_token_cancelled_before_measuring_gives_no_verdict_and_says_why()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        var failure = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(NoneAllowed, new TestBodyCall(Method(nameof(Bodies.Empty)))
        {
            TestClassInstance = new Bodies(),
            Cancellation = source.Token,
        }));

        Assert.StartsWith("[ZeroAlloc] could not measure Empty: the test's cancellation token was cancelled before [ZeroAlloc] could call it again", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.Report);
    }

    [Fact]
    public void A_token_cancelled_while_measuring_gives_no_verdict_even_when_the_body_then_stops_allocating()
    {
        using var source = new CancellationTokenSource();
        var bodies = new Bodies { CancelAfterCalls = 100, Source = source };

        // The body allocates until its token is cancelled, then returns early: the windows after it read 0 B, and without
        // the check the test would pass on its cancelled path.
        var failure = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(NoneAllowed, new TestBodyCall(Method(nameof(Bodies.AllocatesUntilCancelled)))
        {
            TestClassInstance = bodies,
            Cancellation = source.Token,
        }));

        Assert.StartsWith("[ZeroAlloc] could not measure AllocatesUntilCancelled: the test's cancellation token was cancelled while [ZeroAlloc] was calling it again", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_call_ended_by_the_frameworks_pass_exception_is_measured_and_the_exception_is_counted()
    {
        var call = new TestBodyCall(Method(nameof(Bodies.EndsWithPass))) { TestClassInstance = new Bodies(), EndsAsPassed = static error => error is PassException };

        var failure = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(NoneAllowed, call));

        Assert.True(failure.Report!.BytesPerCall > 0);
        Assert.Contains("Calls ended by throwing PassException, the framework's way to end a test as passed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pass_exception_after_a_clean_region_passes_and_an_allocating_region_fails_with_its_bytes()
    {
        var bodies = new Bodies();
        static bool Pass(Exception error) => error is PassException;

        var clean = TestBodyAllocations.AssertWithinBudget(NoneAllowed, new TestBodyCall(Method(nameof(Bodies.CleanRegionThenPass))) { TestClassInstance = bodies, EndsAsPassed = Pass });
        var failure = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(
            NoneAllowed, new TestBodyCall(Method(nameof(Bodies.BoxingRegionThenPassAsync))) { TestClassInstance = bodies, EndsAsPassed = Pass }));

        Assert.Equal(0, clean.BytesPerCall);
        Assert.Equal(24, failure.Report!.BytesPerCall);
        Assert.True(failure.Report.IsAsync);
    }

    [Fact]
    public void Without_a_pass_rule_the_same_exception_is_the_bodys_error()
    {
        var failure = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), Method(nameof(Bodies.EndsWithPass)), null));

        Assert.StartsWith("[ZeroAlloc] could not measure EndsWithPass: the test passed when run once, but threw PassException when called again", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_async_void_method_is_refused_with_the_reason()
    {
        var failure = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), Method(nameof(Bodies.AsyncVoid)), null));

        Assert.StartsWith("[ZeroAlloc] could not measure AsyncVoid: The test method AsyncVoid is async void, so a call cannot be awaited", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(AllocationOptions.MaxWindows + 1)]
    [InlineData(0)]
    public void Windows_out_of_range_are_rejected_when_set_not_when_measuring(int windows)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AllocationOptions { Windows = windows });

        Assert.StartsWith("Windows must be from 1 to 10000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_allowed_window_count_measures()
    {
        var report = Allocations.Measure(static () => { }, new AllocationOptions { WarmupCalls = 0, Windows = AllocationOptions.MaxWindows, CallsPerWindow = 1 });

        Assert.Equal(AllocationOptions.MaxWindows, report.WindowBytes.Count);
    }

    [Fact]
    public void A_body_too_slow_for_the_sampler_gets_no_byte_estimates_and_is_told_what_would_do()
    {
        var options = new AllocationOptions { WarmupCalls = 1, Windows = 1, CallsPerWindow = 5, CulpritSamplingTime = TimeSpan.FromMilliseconds(100) };

        var failure = Assert.Throws<AllocationAssertionException>(() => Allocations.AssertNone(static async () =>
        {
            await Task.Delay(1);
            Bodies.Sink = 42;
        }, options));

        // ~1 ms per call and a few hundred bytes each: far below one sample per 100 KB in 100 ms.
        string line = failure.Message.Split('\n').Single(l => l.StartsWith("Likely sources", StringComparison.Ordinal)).TrimEnd();
        Assert.StartsWith("Likely sources: too few allocation samples to estimate bytes per type (", line, StringComparison.Ordinal);
        Assert.DoesNotContain("B/call", line, StringComparison.Ordinal);
        Assert.DoesNotContain("none caught", line, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"that takes ~\d+ s of CulpritSamplingTime\.$"), line);
        Assert.True(failure.SampledAllocations!.AllocationSamples < 30, failure.SampledAllocations.ToString());
    }

    private static MethodInfo Method(string name) => typeof(Bodies).GetMethod(name)!;

    private sealed class Settings : IZeroAllocSettings
    {
        public long MaxBytesPerCall => 0;

        public int WarmupCalls => 3;

        public int Windows => 5;

        public int CallsPerWindow => 100;
    }

    public sealed class PassException : Exception
    {
    }

    public sealed class Bodies
    {
        public static object? Sink { get; set; }

        public int Total { get; private set; }

        public CancellationToken LastToken { get; private set; }

        public int CancelAfterCalls { get; init; }

        public CancellationTokenSource? Source { get; init; }

        private int _calls;

        public static void StaticBoxes() => Sink = 42;

        public static void StaticEmpty()
        {
        }

        public void Empty()
        {
        }

        public void CountsToken(int value, CancellationToken token)
        {
            Total += value;
            LastToken = token;
        }

        public void AllocatesUntilCancelled()
        {
            if (++_calls == CancelAfterCalls)
            {
                Source!.Cancel();
            }

            if (!Source!.IsCancellationRequested)
            {
                Sink = _calls;
            }
        }

        public void EndsWithPass() => throw new PassException();

        public void CleanRegionThenPass()
        {
            using (Allocations.Region())
            {
                Total++;
            }

            throw new PassException();
        }

        public async Task BoxingRegionThenPassAsync()
        {
            await Task.Yield();
            using (Allocations.Region())
            {
                Sink = 42;
            }

            throw new PassException();
        }

        public async void AsyncVoid() => await Task.Yield();
    }
}
