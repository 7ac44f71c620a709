namespace Meridian.Perf.Tests;

public sealed class BlackBoxTests
{
    [Fact]
    public void Consume_and_Opaque_allocate_nothing_for_structs()
    {
        var report = Allocations.Measure(static () =>
        {
            BlackBox.Consume(BlackBox.Opaque(42));
            BlackBox.Consume(BlackBox.Opaque(Guid.Empty));
            BlackBox.Consume(BlackBox.Opaque((decimal)1.5));
        });

        Assert.Equal(0, report.BytesPerCall);
    }

    [Fact]
    public void Opaque_returns_its_argument()
    {
        var text = "x";
        Assert.Same(text, BlackBox.Opaque(text));
        Assert.Equal(7.25, BlackBox.Opaque(7.25));
    }
}
