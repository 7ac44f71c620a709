using System.Buffers;
using System.Globalization;

namespace Meridian.Perf.MSTest.Fixture;

[TestClass]
public sealed class PassingTests : IDisposable
{
    private int _parsed;
    private byte[]? _prepared;
    private object? _cleanedUp;

    public TestContext? TestContext { get; set; }

    public static IEnumerable<object[]> Sources => [["4711", 4711], ["-1", -1]];

    public static IEnumerable<object[]> FiftyCases => Enumerable.Range(0, 50).Select(i => new object[] { i });

    // Both allocate; neither is inside the measured region.
    [TestInitialize]
    public void Initialize() => _prepared = new byte[64];

    [TestCleanup]
    public void Cleanup() => _cleanedUp = new object();

    public void Dispose() => _prepared = null;

    [ZeroAllocTestMethod]
    public void EmptyBody()
    {
    }

    [ZeroAllocTestMethod]
    public void SpanParse() => _parsed = int.Parse("12345".AsSpan(), provider: CultureInfo.InvariantCulture);

    [ZeroAllocTestMethod]
    public void ArrayPoolRentReturn()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256);
        buffer[0] = 1;
        ArrayPool<byte>.Shared.Return(buffer);
    }

    [ZeroAllocTestMethod]
    [DataRow(1, 2, 3)]
    [DataRow(40, 2, 42)]
    public void DataRowAddition(int left, int right, int sum)
    {
        if (left + right != sum)
        {
            throw new InvalidOperationException("wrong sum");
        }
    }

    [ZeroAllocTestMethod]
    [DynamicData(nameof(Sources))]
    public void DynamicDataParse(string text, int expected)
    {
        int value;
        using (Allocations.Region())
        {
            value = int.Parse(text.AsSpan(), provider: CultureInfo.InvariantCulture);
        }

        // MSTest's Assert.AreEqual allocates; it is outside the region, so it is not counted.
        Assert.AreEqual(expected, value);
    }

    [ZeroAllocTestMethod]
    [DynamicData(nameof(FiftyCases))]
    public void FiftyCasesEachMeasured(int value) => _parsed += value;

    [ZeroAllocTestMethod]
    public void UsesStateFromTestInitialize() => _prepared![0]++;

    [ZeroAllocTestMethod(MaxBytesPerCall = 32)]
    public void WithinBudget() => _cleanedUp = new byte[4];

    [ZeroAllocTestMethod]
    public async Task AsyncCompletedSynchronously() => await Task.CompletedTask;

    [ZeroAllocTestMethod]
    public async ValueTask AsyncValueTask() => await Task.CompletedTask;

    [ZeroAllocTestMethod(WarmupCalls = 1, Windows = 2, CallsPerWindow = 10)]
    public void WithSettings() => _parsed++;

    [ZeroAllocTestMethod]
    [DataRow(7)]
    [DataRow("seven")]
    public void GenericDataRow<T>(T value) => _parsed += value is null ? 0 : 1;

    [ZeroAllocTestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void WithTimeout() => _parsed++;

    [ZeroAllocTestMethod]
    public void ReadsTheTestContext() => _parsed += TestContext is null ? 0 : 1;

    [TestMethod]
    public void Trivial() => _parsed++;

    [ZeroAllocTestMethod]
    public void TrivialZeroAlloc() => _parsed++;
}
