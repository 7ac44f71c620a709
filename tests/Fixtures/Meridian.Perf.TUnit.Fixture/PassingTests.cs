using System.Buffers;
using System.Globalization;

namespace Meridian.Perf.TUnit.Fixture;

public sealed class PassingTests
{
    private int _parsed;
    private byte[]? _prepared;
    private object? _sink;

    public static IEnumerable<(string Text, int Expected)> Sources() => [("4711", 4711), ("-1", -1)];

    public static IEnumerable<int> FiftyCases() => Enumerable.Range(0, 50);

    // Allocates; runs before the body, outside the measured region.
    [Before(Test)]
    public void Prepare() => _prepared = new byte[64];

    [Test, ZeroAlloc]
    public void EmptyBody()
    {
    }

    [Test, ZeroAlloc]
    public void SpanParse() => _parsed = int.Parse("12345".AsSpan(), provider: CultureInfo.InvariantCulture);

    [Test, ZeroAlloc]
    public void ArrayPoolRentReturn()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256);
        buffer[0] = 1;
        ArrayPool<byte>.Shared.Return(buffer);
    }

    [Test, ZeroAlloc]
    [Arguments(1, 2, 3)]
    [Arguments(40, 2, 42)]
    public void ArgumentsAddition(int left, int right, int sum)
    {
        if (left + right != sum)
        {
            throw new InvalidOperationException("wrong sum");
        }
    }

    [Test, ZeroAlloc]
    [MethodDataSource(nameof(Sources))]
    public async Task MethodDataSourceParse(string text, int expected)
    {
        int value;
        using (Allocations.Region())
        {
            value = int.Parse(text.AsSpan(), provider: CultureInfo.InvariantCulture);
        }

        // TUnit's assertions allocate; outside the region, they are not counted.
        await Assert.That(value).IsEqualTo(expected);
    }

    [Test, ZeroAlloc]
    [MethodDataSource(nameof(FiftyCases))]
    public void FiftyCasesEachMeasured(int value) => _parsed += value;

    [Test, ZeroAlloc]
    public void UsesStateFromBeforeHook() => _prepared![0]++;

    [Test, ZeroAlloc(MaxBytesPerCall = 32)]
    public void WithinBudget() => _sink = new byte[4];

    [Test, ZeroAlloc]
    public async Task AsyncCompletedSynchronously() => await Task.CompletedTask;

    [Test, ZeroAlloc]
    public async ValueTask AsyncValueTask() => await Task.CompletedTask;

    [Test, ZeroAlloc(WarmupCalls = 1, Windows = 2, CallsPerWindow = 10)]
    public void WithSettings() => _parsed++;

    [Test, ZeroAlloc]
    [Timeout(60_000)]
    public void WithTimeoutAndCancellationToken(CancellationToken token) => _parsed += token.IsCancellationRequested ? 0 : 1;

    [Test, ZeroAlloc]
    [Arguments(7)]
    public void GenericArguments<T>(T value) => _parsed += value is null ? 0 : 1;

    [Test]
    public void Trivial() => _parsed++;

    [Test, ZeroAlloc]
    public void TrivialZeroAlloc() => _parsed++;
}
