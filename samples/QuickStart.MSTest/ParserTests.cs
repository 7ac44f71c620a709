using System.Buffers;
using System.Globalization;
using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

namespace QuickStart.MSTest;

[TestClass]
public sealed class ParserTests
{
    private int _parsed;
    private byte[] _buffer = [];

    [TestInitialize]
    public void Initialize() => _buffer = new byte[16];

    #region zeroalloc-mstest
    // [ZeroAllocTestMethod] instead of [TestMethod]: runs once as a normal test; when it passes, its body is measured.
    [ZeroAllocTestMethod]
    public void Parsing_a_span_does_not_allocate() => _parsed = int.Parse("12345".AsSpan(), CultureInfo.InvariantCulture);

    [ZeroAllocTestMethod]
    [DataRow("0", 0)]
    [DataRow("-42", -42)]
    public void Parsing_does_not_allocate_for_any_input(string text, int expected)
    {
        int value;
        using (Allocations.Region())   // only this block is counted: Assert.AreEqual allocates, and is left out
        {
            value = int.Parse(text.AsSpan(), CultureInfo.InvariantCulture);
        }

        Assert.AreEqual(expected, value);
    }

    [ZeroAllocTestMethod]
    public async Task Renting_from_the_pool_does_not_allocate()
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(_buffer.Length);
        ArrayPool<byte>.Shared.Return(rented);
        await Task.CompletedTask;
    }

    // A budget instead of zero: new byte[16] is 40 B (24 B header + 16 B).
    [ZeroAllocTestMethod(MaxBytesPerCall = 40)]
    public void Copying_allocates_at_most_one_array() => _buffer = (byte[])_buffer.Clone();
    #endregion
}
