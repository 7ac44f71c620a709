using System.Buffers;
using System.Globalization;

namespace Meridian.Perf.Xunit.V3.Fixture;

public class PassingTests(ITestOutputHelper output)
{
    private readonly byte[] _prepared = new byte[64];
    private int _parsed;

    public static TheoryData<Payload> Payloads => new() { new Payload("4711", 4711), new Payload("-1", -1) };

    [Fact, ZeroAlloc]
    public void EmptyBody()
    {
    }

    [Fact, ZeroAlloc]
    public void SpanParse() => _parsed = int.Parse("12345".AsSpan(), provider: CultureInfo.InvariantCulture);

    [Fact, ZeroAlloc]
    public void ArrayPoolRentReturn()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256);
        buffer[0] = 1;
        ArrayPool<byte>.Shared.Return(buffer);
    }

    [Theory, ZeroAlloc]
    [InlineData(1, 2, 3)]
    [InlineData(40, 2, 42)]
    public void InlineDataAddition(int left, int right, int sum)
    {
        int actual;
        using (Allocations.Region())
        {
            actual = left + right;
        }

        // xunit's Assert.Equal allocates; it is outside the region, so it is not counted.
        Assert.Equal(sum, actual);
    }

    [Theory, ZeroAlloc]
    [MemberData(nameof(Payloads))]
    public void NonSerializableMemberData(Payload payload)
    {
        int value;
        using (Allocations.Region())
        {
            value = int.Parse(payload.Text.AsSpan(), provider: CultureInfo.InvariantCulture);
        }

        Assert.Equal(payload.Expected, value);
    }

    [Fact, ZeroAlloc]
    public void WritesToInjectedOutputOutsideTheRegion()
    {
        using (Allocations.Region())
        {
            _prepared[0]++;
        }

        output.WriteLine("written by the body, outside the measured region");
    }

    [Fact, ZeroAlloc(MaxBytesPerCall = 32)]
    public void WithinBudget() => _parsed = new byte[4].Length;

    [Fact, ZeroAlloc]
    public async Task AsyncCompletedSynchronously() => await Task.CompletedTask;

    [Fact, ZeroAlloc]
    public async ValueTask AsyncValueTask() => await default(ValueTask);

    [Fact, ZeroAlloc(WarmupCalls = 1, Windows = 2, CallsPerWindow = 10)]
    public void WithSettings() => _parsed++;

    [Fact]
    public void Trivial() => _parsed++;

    [Fact, ZeroAlloc]
    public void TrivialZeroAlloc() => _parsed++;

    /// <summary>Theory data xunit cannot serialize: the rows are enumerated when the theory runs.</summary>
    public sealed class Payload(string text, int expected)
    {
        public string Text { get; } = text;

        public int Expected { get; } = expected;

        public override string ToString() => Text;
    }
}
