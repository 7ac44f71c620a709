namespace Meridian.Perf.Tests;

public sealed class AllocationMarkTests
{
    private static object? s_sink;

    [Fact]
    public void Counts_exactly_what_the_thread_allocated()
    {
        var mark = AllocationMark.Now();
        s_sink = new object();
        s_sink = new int[1000];

        Assert.Equal(24 + 4024, mark.AllocatedBytes);
    }

    [Fact]
    public void Taking_and_reading_marks_allocates_nothing()
    {
        var outer = AllocationScope.Begin();
        long total = 0;
        for (int i = 0; i < 1000; i++)
        {
            var mark = AllocationMark.Now();
            total += mark.AllocatedBytes;
        }

        Assert.Equal(0, outer.End());
        Assert.Equal(0, total);
    }

    [Fact]
    public void Every_read_counts_from_the_same_mark_and_marks_nest()
    {
        var outer = AllocationMark.Now();
        s_sink = new object();
        var inner = AllocationMark.Now();
        s_sink = new object();

        long innerFirst = inner.AllocatedBytes;
        long outerBytes = outer.AllocatedBytes;
        long innerAgain = inner.AllocatedBytes;

        Assert.Equal(24, innerFirst);
        Assert.Equal(48, outerBytes);
        Assert.Equal(24, innerAgain);
    }

    [Fact]
    public void A_mark_never_taken_throws()
    {
        var invalid = Assert.Throws<InvalidOperationException>(static () => default(AllocationMark).AllocatedBytes);
        Assert.Contains("never taken", invalid.Message);
    }

    [Fact]
    public void Agrees_with_the_checked_scope()
    {
        var scope = AllocationScope.Begin();
        var mark = AllocationMark.Now();
        s_sink = new string('x', 100);
        long markBytes = mark.AllocatedBytes;

        Assert.Equal(scope.End(), markBytes);
    }
}
