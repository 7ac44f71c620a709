namespace Meridian.Perf.Profiling.Tests;

public sealed class FormatTests
{
    [Theory]
    [InlineData("Program+<>c__DisplayClass0_0.<<Main>$>g__Workload|0()", "Program.Workload")]
    [InlineData("Program+<>c__DisplayClass0_0.<<Main>$>b__2()", "Program.Main (lambda)")]
    [InlineData("ProfilingDemo.OrderBook.IsValid(class Order)", "OrderBook.IsValid")]
    [InlineData("System.Collections.Generic.Dictionary`2[System.__Canon,System.Int32].FindValue(!0)", "Dictionary`2[System.__Canon,System.Int32].FindValue")]
    [InlineData("System.Text.StringBuilder..ctor(int32)", "StringBuilder..ctor")]
    [InlineData("new System.Byte[]", "new System.Byte[]")]
    [InlineData("[libcoreclr.so]", "[libcoreclr.so]")]
    public void Frame_labels_are_short_and_readable(string frame, string label) =>
        Assert.Equal(label, FrameLabel.Short(frame));

    [Fact]
    public void Folded_lines_merge_identical_stacks_and_replace_semicolons_in_names()
    {
        StackSample[] stacks =
        [
            new(["main", "parse"], 2),
            new(["main", "parse"], 3),
            new(["main", "odd;name"], 1),
        ];

        Assert.Equal("main;parse 5\nmain;odd,name 1\n", FoldedStacks.Format(stacks));
    }

    [Fact]
    public void Folded_parse_rejects_a_line_without_a_weight()
    {
        var error = Assert.Throws<FormatException>(() => FoldedStacks.Parse("main;parse 3\nmain;broken\n"));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Frame_shares_count_a_recursive_frame_once_per_stack()
    {
        StackSample[] stacks = [new(["a", "b", "a"], 3), new(["a", "c"], 1)];
        var frames = StackStatistics.Frames(stacks).ToDictionary(frame => frame.Name);

        Assert.Equal(1.0, frames["a"].InclusiveShare);
        Assert.Equal(0.75, frames["a"].SelfShare);
        Assert.Equal(0.75, frames["b"].InclusiveShare);
        Assert.Equal(0.0, frames["b"].SelfShare);
    }
}
