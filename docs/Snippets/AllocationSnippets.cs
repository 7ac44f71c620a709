using Meridian.Perf;

namespace Meridian.Docs.Snippets;

/// <summary>The snippets of README.md and docs/allocations.md, run as tests.</summary>
public sealed class AllocationSnippets
{
    private static object? s_sink;
    private readonly string _input = "12345";

    #region readme-assert-none
    [Fact]
    public void Parsing_a_span_does_not_allocate()
    {
        Allocations.AssertNone(static () => int.Parse("12345".AsSpan()));
    }
    #endregion

    [Fact]
    public void Measure_reports_bytes_per_call()
    {
        #region allocations-measure
        AllocationReport report = Allocations.Measure(() => s_sink = new int[10]);
        Console.WriteLine(report.BytesPerCall);        // 64: exact, per call
        Console.WriteLine(report);                     // every window, the mode, the runtime counters
        #endregion

        Assert.Equal(64, report.BytesPerCall);
    }

    [Fact]
    public void State_and_budget_overloads()
    {
        string input = _input;

        #region allocations-state
        // The state overload needs no closure, so the lambda itself allocates nothing.
        Allocations.AssertNone(input, static s => int.Parse(s.AsSpan()));
        Allocations.AssertAtMost(64, input, static s => s_sink = s.ToCharArray());   // 24 + 2 × 5 = 34 → 40 B
        #endregion
    }

    [Fact]
    public void Async_bodies_run_on_a_pump()
    {
        #region allocations-async
        // Awaits that really suspend resume on the measuring thread, so they are measured exactly.
        AllocationReport report = Allocations.Measure(static async () => await Task.Yield());
        Console.WriteLine(report.BytesPerCall);        // the async state machine's box: exact and the same every window

        // Work that leaves the thread is reported as unreliable, never as a number.
        AllocationReport leaves = Allocations.Measure(static async () => await Task.Delay(1).ConfigureAwait(false));
        Console.WriteLine(leaves.UnreliableReason);    // "work left the measuring thread (...)"
        #endregion

        Assert.True(report.IsReliable);
        Assert.Null(leaves.BytesPerCall);
    }

    [Fact]
    public void Options()
    {
        #region allocations-options
        var options = new AllocationOptions { WarmupCalls = 10, Windows = 3, CallsPerWindow = 1000 };
        Allocations.AssertNone(static () => int.Parse("42".AsSpan()), options);
        #endregion
    }

    [Fact]
    public void Region_keeps_arrange_and_assert_out()
    {
        #region allocations-region
        Allocations.AssertNone(static () =>
        {
            var input = new string('7', 3);               // arrange: allocates, not counted
            int value;
            using (Allocations.Region())
            {
                value = int.Parse(input.AsSpan());         // counted
            }

            Assert.Equal(777, value);                      // assert: allocates, not counted
        });
        #endregion
    }

    [Fact]
    public void Scopes()
    {
        #region allocations-scope
        var scope = AllocationScope.Begin();
        s_sink = new object();
        long bytes = scope.End();                          // 24: exact bytes this thread allocated

        using var process = ProcessAllocationScope.Begin(); // every thread; polluted by anything else running
        #endregion

        Assert.Equal(24, bytes);
    }

    [Fact]
    public void Counters_and_black_box()
    {
        #region allocations-counters
        var before = RuntimeCounters.Capture();            // allocation-free
        GC.Collect(0);
        RuntimeCounters delta = RuntimeCounters.Capture() - before;
        Console.WriteLine(delta.Gen0Collections);          // 1 (or more, if the runtime collected too)

        double root = Math.Sqrt(BlackBox.Opaque(2.0));     // the JIT cannot fold a value it cannot see
        BlackBox.Consume(root);                            // nor delete a result that is consumed
        #endregion

        Assert.True(delta.Gen0Collections >= 1);
    }
}
