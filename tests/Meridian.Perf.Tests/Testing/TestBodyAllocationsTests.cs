using System.Text.RegularExpressions;
using System.Reflection;
using Meridian.Perf.Testing;

namespace Meridian.Perf.Tests.Testing;

public sealed class TestBodyAllocationsTests
{
    private static readonly Settings NoneAllowed = new(0);

    private object? _sink;

    [Fact]
    public void An_empty_instance_body_measures_zero_bytes_through_the_compiled_delegate()
    {
        var report = TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), Method(nameof(Bodies.Empty)), null);

        Assert.Equal(0, report.BytesPerCall);
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(1, 32)]
    [InlineData(1000, 4024)]
    public void Arguments_are_passed_without_allocating_and_the_body_is_counted_exactly(int length, int expectedBytes)
    {
        var failure = Assert.Throws<AllocationAssertionException>(
            () => TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), Method(nameof(Bodies.NewArray)), [length]));

        Assert.Equal(expectedBytes, failure.Report!.BytesPerCall);
    }

    [Fact]
    public void Arguments_of_a_body_that_allocates_nothing_cost_nothing()
    {
        var report = TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), Method(nameof(Bodies.Parse)), ["12345", 12345L, new Guid?(Guid.Empty)]);

        Assert.Equal(0, report.BytesPerCall);
    }

    [Fact]
    public void Every_argument_shape_is_called_with_its_arguments_and_without_allocating()
    {
        var bodies = new Bodies();

        // One to three arguments (bound without code generation), four (compiled expression), sync and Task-returning.
        TestBodyAllocations.AssertWithinBudget(NoneAllowed, bodies, Method(nameof(Bodies.Add)), [1]);
        TestBodyAllocations.AssertWithinBudget(NoneAllowed, bodies, Method(nameof(Bodies.AddAsync)), [2, "x"]);
        TestBodyAllocations.AssertWithinBudget(NoneAllowed, bodies, Method(nameof(Bodies.AddFour)), [1, 2, 3, 4]);
        TestBodyAllocations.AssertWithinBudget(NoneAllowed, null, Method(nameof(Bodies.StaticAdd)), [5, null]);

        // Each was called warm-up + windows × calls times: 503 by default.
        Assert.Equal(503 * (1 + 2 + 10), bodies.Total);
        Assert.Equal(503 * 5, Bodies.StaticTotal);
    }

    [Fact]
    public void The_failure_message_is_cores_plus_how_the_test_was_called()
    {
        var failure = Assert.Throws<AllocationAssertionException>(
            () => TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), Method(nameof(Bodies.Boxes)), null));

        // The culprit line's figures are sampled estimates: its numbers are masked, its shape and type are exact.
        string message = Regex.Replace(failure.Message, @"^(Likely sources \(sampled\): .*)$", m => Regex.Replace(m.Value, @"(?<=[~ ])\d+", "#"), RegexOptions.Multiline);
        Assert.Equal(
            """
            Expected no allocations, but the body allocated 24 B per call (5 windows × 100 calls after 3 warm-up calls; every window over budget).
            Likely sources (sampled): System.Int32 (boxed) ~# B/call (estimates from # AllocationSampled events over # more calls in # ms).
            Call sites: reference the Meridian.Perf.Profiling package in this test project and the failure names the allocating methods with file:line.
            Optimized code measured (quick JIT off: methods are compiled optimized on their first call). Allocations on other threads are not counted.
            The test passed when run once; [ZeroAlloc] then called Boxes again through a compiled delegate with the same instance and arguments. To leave arrange and assert code out of the count, wrap the code under test in Allocations.Region(); to allow some bytes, set MaxBytesPerCall.
            """.ReplaceLineEndings(),
            message);
        Assert.NotNull(failure.SampledAllocations);
    }

    [Fact]
    public void A_budget_and_the_window_settings_come_from_the_settings()
    {
        var settings = new Settings(32) { WarmupCalls = 1, Windows = 2, CallsPerWindow = 10 };

        var report = TestBodyAllocations.AssertWithinBudget(settings, new Bodies(), Method(nameof(Bodies.NewArray)), [1]);

        Assert.Equal(32, report.BytesPerCall);
        Assert.Equal(2, report.WindowBytes.Count);
        Assert.Equal(320, report.WindowBytes[0]);
        Assert.Equal(1, report.Options.WarmupCalls);
    }

    [Fact]
    public void Static_methods_and_returned_values_are_supported()
    {
        var report = TestBodyAllocations.AssertWithinBudget(NoneAllowed, null, Method(nameof(Bodies.StaticReturnsValue)), [21]);

        Assert.Equal(0, report.BytesPerCall);
    }

    [Fact]
    public void Async_bodies_run_on_the_pump_and_are_measured()
    {
        var bodies = new Bodies();

        var task = TestBodyAllocations.AssertWithinBudget(new Settings(100_000), bodies, Method(nameof(Bodies.YieldsAsync)), null);
        var valueTask = TestBodyAllocations.AssertWithinBudget(NoneAllowed, bodies, Method(nameof(Bodies.CompletedValueTaskAsync)), [3]);

        Assert.True(task.IsAsync);
        Assert.True(task.BytesPerCall > 0);
        Assert.Equal(0, valueTask.BytesPerCall);
    }

    [Fact]
    public void Async_work_that_leaves_the_thread_fails_as_unreliable()
    {
        var failure = Assert.Throws<AllocationAssertionException>(
            () => TestBodyAllocations.AssertWithinBudget(new Settings(0) { Windows = 1, CallsPerWindow = 2, WarmupCalls = 0 }, new Bodies(), Method(nameof(Bodies.LeavesTheThreadAsync)), null));

        Assert.Contains("unreliable: work left the measuring thread", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.Report!.BytesPerCall);
    }

    [Fact]
    public void Settings_out_of_range_are_rejected_before_measuring()
    {
        var negative = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(new Settings(-1), new Bodies(), Method(nameof(Bodies.Empty)), null));
        var noWindows = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(new Settings(0) { Windows = 0 }, new Bodies(), Method(nameof(Bodies.Empty)), null));

        Assert.StartsWith("[ZeroAlloc] could not measure Empty: MaxBytesPerCall", negative.Message, StringComparison.Ordinal);
        Assert.StartsWith("[ZeroAlloc] could not measure Empty: Windows must be from 1 to 10000", noWindows.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_throws_when_called_again_says_it_must_be_idempotent()
    {
        var failure = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), Method(nameof(Bodies.SecondCallThrows)), null));

        Assert.Equal(
            "[ZeroAlloc] could not measure SecondCallThrows: the test passed when run once, but threw InvalidOperationException when called again (already ran). " +
            "A test measured by [ZeroAlloc] is called hundreds of times on the same instance with the same arguments, so it must be idempotent.",
            failure.Message);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Fact]
    public void A_body_that_throws_an_argument_exception_when_called_again_is_not_mistaken_for_bad_settings()
    {
        var failure = Assert.Throws<AllocationAssertionException>(() => TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), Method(nameof(Bodies.SecondCallThrowsArgument)), null));

        Assert.StartsWith(
            "[ZeroAlloc] could not measure SecondCallThrowsArgument: the test passed when run once, but threw ArgumentException when called again (already ran).",
            failure.Message,
            StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(failure.InnerException);
    }

    [Fact]
    public void FindSettings_returns_the_attribute_that_carries_them()
    {
        Assert.Equal(64, TestBodyAllocations.FindSettings(Method(nameof(Bodies.Budgeted)))!.MaxBytesPerCall);
        Assert.Null(TestBodyAllocations.FindSettings(Method(nameof(Bodies.Empty))));
    }

    [Fact]
    public void Creating_and_calling_the_delegate_outside_measurement_is_not_what_is_counted()
    {
        // MethodInfo.Invoke allocates (argument arrays, boxing); the compiled delegate must not, or every test would fail.
        var method = Method(nameof(Bodies.Empty));
        var instance = new Bodies();
        method.Invoke(instance, null);
        var scope = AllocationScope.Begin();
        method.Invoke(instance, null);
        long viaReflection = scope.End();
        var report = TestBodyAllocations.AssertWithinBudget(NoneAllowed, new Bodies(), method, null);

        Assert.True(viaReflection > 0);
        Assert.Equal(0, report.BytesPerCall);
        _sink = report;
    }

    private static MethodInfo Method(string name) => typeof(Bodies).GetMethod(name)!;

    private sealed record Settings(long MaxBytesPerCall) : IZeroAllocSettings
    {
        public int WarmupCalls { get; init; } = 3;

        public int Windows { get; init; } = 5;

        public int CallsPerWindow { get; init; } = 100;
    }

    [AttributeUsage(AttributeTargets.Method)]
    private sealed class BudgetAttribute(long maxBytesPerCall) : Attribute, IZeroAllocSettings
    {
        public long MaxBytesPerCall => maxBytesPerCall;

        public int WarmupCalls => 3;

        public int Windows => 5;

        public int CallsPerWindow => 100;
    }

    public sealed class Bodies
    {
        private object? _sink;

        public static int StaticReturnsValue(int value) => value * 2;

        public void Empty()
        {
        }

        [Budget(64)]
        public void Budgeted()
        {
        }

        public static int StaticTotal { get; private set; }

        public int Total { get; private set; }

        public static void StaticAdd(int value, string? unused) => StaticTotal += unused is null ? value : 0;

        public void Add(int value) => Total += value;

        public Task AddAsync(int value, string text)
        {
            Total += value * text.Length;
            return Task.CompletedTask;
        }

        public void AddFour(int a, int b, int c, int d) => Total += a + b + c + d;

        public void Boxes() => _sink = 42;

        public void SecondCallThrows()
        {
            if (_sink is not null)
            {
                throw new InvalidOperationException("already ran");
            }

            _sink = this;
        }

        public void SecondCallThrowsArgument()
        {
            if (_sink is not null)
            {
                throw new ArgumentException("already ran");
            }

            _sink = this;
        }

        public void NewArray(int length) => _sink = new int[length];

        public void Parse(string text, long expected, Guid? unused)
        {
            if (long.Parse(text.AsSpan(), provider: System.Globalization.CultureInfo.InvariantCulture) != expected || unused is null)
            {
                throw new InvalidOperationException("unexpected");
            }
        }

        public async Task YieldsAsync() => await Task.Yield();

        public ValueTask<int> CompletedValueTaskAsync(int value) => new(value);

        public async Task LeavesTheThreadAsync() => await Task.Delay(1).ConfigureAwait(false);
    }
}
