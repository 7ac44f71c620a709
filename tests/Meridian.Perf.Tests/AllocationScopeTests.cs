using System.Runtime.CompilerServices;

namespace Meridian.Perf.Tests;

public sealed class AllocationScopeTests
{
    private static object? s_sink;

    [Fact]
    public void Counts_exactly_what_the_thread_allocated()
    {
        var scope = AllocationScope.Begin();
        s_sink = new object();
        s_sink = new int[1000];

        Assert.Equal(24 + 4024, scope.End());
    }

    [Fact]
    public void Beginning_and_ending_scopes_allocates_nothing()
    {
        // Warm the thread's bookkeeping first: its one-time array is the only allocation a scope ever makes.
        AllocationScope.Begin().Dispose();

        var outer = AllocationScope.Begin();
        for (int i = 0; i < 1000; i++)
        {
            var inner = AllocationScope.Begin();
            _ = inner.End();
        }

        Assert.Equal(0, outer.End());
    }

    [Fact]
    public void Scopes_nest()
    {
        var outer = AllocationScope.Begin();
        s_sink = new object();
        var inner = AllocationScope.Begin();
        s_sink = new object();
        long innerBytes = inner.End();
        long outerBytes = outer.End();

        Assert.Equal(24, innerBytes);
        Assert.Equal(48, outerBytes);
    }

    [Fact]
    public void Scopes_may_end_out_of_order_and_each_ends_once()
    {
        EndOutOfOrder(out _, out _, out _); // the first run compiles the out-of-order path, which the inner scope counts
        EndOutOfOrder(out long outerBytes, out long innerBytes, out bool innerOpenAfterOuterEnded);

        Assert.Equal(24, outerBytes);
        Assert.Equal(24, innerBytes);
        Assert.True(innerOpenAfterOuterEnded);
    }

    [Fact]
    public void A_scope_ended_out_of_order_cannot_end_again()
    {
        var outer = AllocationScope.Begin();
        var inner = AllocationScope.Begin();
        outer.End();

        Assert.False(outer.IsOpen);
        Assert.True(inner.IsOpen);
        Assert.Contains("has already ended", CatchInvalidOperation(outer).Message);
        inner.End();
        Assert.Contains("has already ended", CatchInvalidOperation(inner).Message);
    }

    [Fact]
    public void Deeply_nested_scopes_grow_the_registry_and_still_count_exactly()
    {
        // 40 open at once is more than the thread's first registry holds: the growth is counted by the outer scope.
        var outer = AllocationScope.Begin();
        long innermostBytes = NestAndAllocate(40);
        long outerBytes = outer.End();

        Assert.Equal(24, innermostBytes);
        Assert.True(outerBytes >= 24, $"the outer scope counted {outerBytes} B");
        var again = AllocationScope.Begin();
        Assert.Equal(0, again.End());
    }

    [Fact]
    public void Another_thread_with_the_same_scope_id_on_top_does_not_close_it()
    {
        // Ids count per thread, so the thread check, not the id, is what keeps a smuggled scope from closing another
        // thread's innermost scope.
        long id = OpenScopes.Open(out long thread);
        bool closedForeign = true;
        bool closedOwn = false;
        var other = new Thread(() =>
        {
            long otherId;
            long otherThread;
            do
            {
                otherId = OpenScopes.Open(out otherThread);
            }
            while (otherId < id);

            closedForeign = OpenScopes.Close(thread, id);
            closedOwn = OpenScopes.Close(otherThread, otherId);
        });
        other.Start();
        other.Join();

        Assert.False(closedForeign);
        Assert.True(closedOwn);
        Assert.True(OpenScopes.Close(thread, id));
    }

    private static void EndOutOfOrder(out long outerBytes, out long innerBytes, out bool innerOpenAfterOuterEnded)
    {
        var outer = AllocationScope.Begin();
        var inner = AllocationScope.Begin();
        s_sink = new object();
        outerBytes = outer.End();
        innerOpenAfterOuterEnded = inner.IsOpen;
        innerBytes = inner.End();
    }

    private static long NestAndAllocate(int depth)
    {
        var scope = AllocationScope.Begin();
        long innermost;
        if (depth == 1)
        {
            s_sink = new object();
            innermost = scope.End();
        }
        else
        {
            innermost = NestAndAllocate(depth - 1);
            scope.End();
        }

        return innermost;
    }

    [Fact]
    public void AllocatedBytes_reads_without_ending()
    {
        using var scope = AllocationScope.Begin();
        s_sink = new object();

        Assert.Equal(24, scope.AllocatedBytes);
        Assert.True(scope.IsOpen);
    }

    [Fact]
    public void Ending_twice_throws_even_through_a_copy()
    {
        var scope = AllocationScope.Begin();
        var copy = scope;
        scope.End();

        var failure = CatchInvalidOperation(copy);
        Assert.Contains("has already ended", failure.Message);
    }

    [Fact]
    public void Dispose_after_End_is_allowed()
    {
        var scope = AllocationScope.Begin();
        scope.End();
        scope.Dispose();

        Assert.False(scope.IsOpen);
    }

    [Fact]
    public void Reading_after_the_end_throws()
    {
        var scope = AllocationScope.Begin();
        scope.End();

        InvalidOperationException? failure = null;
        try
        {
            _ = scope.AllocatedBytes;
        }
        catch (InvalidOperationException caught)
        {
            failure = caught;
        }

        Assert.NotNull(failure);
    }

    [Fact]
    public void A_default_scope_throws_a_clear_error()
    {
        var failure = CatchInvalidOperation(default);

        Assert.Contains("never begun", failure.Message);
    }

#if NET9_0_OR_GREATER // Unsafe accepts ref structs from .NET 9 on; the guard itself is the same on .NET 8.
    [Fact]
    public void Ending_on_another_thread_throws()
    {
        // A ref struct cannot be captured or stored, so the compiler already keeps scopes on their thread; smuggle
        // its bytes across to check the runtime guard behind that.
        var scope = AllocationScope.Begin();
        var bytes = new byte[Unsafe.SizeOf<AllocationScope>()];
        Unsafe.WriteUnaligned(ref bytes[0], scope);
        Exception? failure = null;

        var thread = new Thread(() => failure = Record.Exception(() => Unsafe.ReadUnaligned<AllocationScope>(ref bytes[0]).End()));
        thread.Start();
        thread.Join();

        var invalid = Assert.IsType<InvalidOperationException>(failure);
        Assert.Contains("but the scope was begun on thread", invalid.Message);
        Assert.True(scope.IsOpen);
        scope.End();
    }
#endif

    [Fact]
    public void Process_scope_throws_when_ended_twice()
    {
        var scope = ProcessAllocationScope.Begin();
        scope.End();

        Assert.Throws<InvalidOperationException>(() => scope.End());
        scope.Dispose();
    }

    private static InvalidOperationException CatchInvalidOperation(AllocationScope scope)
    {
        try
        {
            scope.End();
        }
        catch (InvalidOperationException caught)
        {
            return caught;
        }

        throw new Xunit.Sdk.XunitException("End() did not throw InvalidOperationException.");
    }
}
