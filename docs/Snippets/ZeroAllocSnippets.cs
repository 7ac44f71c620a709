using System.Globalization;
using Meridian.Perf;
using Meridian.Perf.Xunit;

namespace Meridian.Docs.Snippets;

/// <summary>The xunit v2 snippets of docs/zero-alloc.md, run as tests by xunit v2 itself.</summary>
public sealed class ZeroAllocSnippets
{
    private readonly char[] _buffer = new char[16];
    private int _written;
    private object? _sink;

    #region zeroalloc-xunit-options
    // 10 warm-up calls, then 3 windows of 1 000 calls; at most 40 B per call.
    [ZeroAllocFact(MaxBytesPerCall = 40, WarmupCalls = 10, Windows = 3, CallsPerWindow = 1000)]
    public void Boxing_once_per_call_fits_the_budget() => _sink = _written;   // a boxed int: 24 B
    #endregion

    #region zeroalloc-xunit-region
    [ZeroAllocTheory]
    [InlineData(12345)]
    [InlineData(-7)]
    public void Formatting_into_a_span_does_not_allocate(int value)
    {
        bool done;
        using (Allocations.Region())               // counted: only the code under test
        {
            done = value.TryFormat(_buffer, out _written, default, CultureInfo.InvariantCulture);
        }

        Assert.True(done);                          // not counted
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), new string(_buffer, 0, _written));
    }
    #endregion

    #region zeroalloc-xunit-async
    // Async tests are measured too: every continuation runs on the measuring thread.
    [ZeroAllocFact(MaxBytesPerCall = 200)]
    public async Task Yielding_allocates_only_its_state_machine() => await Task.Yield();
    #endregion
}
