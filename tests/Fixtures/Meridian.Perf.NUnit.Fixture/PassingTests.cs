using System.Buffers;
using NUnit.Framework;

namespace Meridian.Perf.NUnit.Fixture;

[Parallelizable(ParallelScope.All)]
public class PassingTests
{
    private static readonly object[] Sources = [new object[] { "4711", 4711 }, new object[] { "-1", -1 }];

    private int _parsed;
    private byte[]? _prepared;

    [SetUp]
    public void SetUp() => _prepared = new byte[64];

    [Test, ZeroAlloc]
    public void EmptyBody()
    {
    }

    [Test, ZeroAlloc]
    public void SpanParse() => _parsed = int.Parse("12345".AsSpan(), provider: System.Globalization.CultureInfo.InvariantCulture);

    [Test, ZeroAlloc]
    public void ArrayPoolRentReturn()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256);
        buffer[0] = 1;
        ArrayPool<byte>.Shared.Return(buffer);
    }

    [TestCase(1, 2, 3)]
    [TestCase(40, 2, 42)]
    [ZeroAlloc]
    public void TestCaseAddition(int left, int right, int sum)
    {
        if (left + right != sum)
        {
            throw new InvalidOperationException("wrong sum");
        }
    }

    [TestCaseSource(nameof(Sources)), ZeroAlloc]
    public void TestCaseSourceParse(string text, int expected)
    {
        int value;
        using (Allocations.Region())
        {
            value = int.Parse(text.AsSpan(), provider: System.Globalization.CultureInfo.InvariantCulture);
        }

        // NUnit's Assert.That allocates; it is outside the region, so it is not counted.
        Assert.That(value, Is.EqualTo(expected));
    }

    [Test, ZeroAlloc]
    public void UsesStateFromSetUp() => _prepared![0]++;

    [Test, ZeroAlloc(MaxBytesPerCall = 32)]
    public void WithinBudget() => _prepared = new byte[4];

    [Test, ZeroAlloc]
    public async Task AsyncCompletedSynchronously() => await Task.CompletedTask;

    [Test, ZeroAlloc(WarmupCalls = 1, Windows = 2, CallsPerWindow = 10)]
    public void WithSettings() => _parsed++;

    [Test]
    public void Trivial() => _parsed++;

    [Test, ZeroAlloc]
    public void TrivialZeroAlloc() => _parsed++;
}
