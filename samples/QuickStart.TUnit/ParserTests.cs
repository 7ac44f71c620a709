using System.Buffers;
using System.Globalization;
using TUnit.Assertions;
using TUnit.Assertions.Extensions;
using TUnit.Core;

namespace QuickStart.TUnit;

public sealed class ParserTests
{
    private static int s_parsed;
    private static byte[] s_copy = [];
    private readonly byte[] _buffer = new byte[16];

    #region zeroalloc-tunit
    // Runs once as a normal test; when it passes, its body is measured and must not allocate.
    [Test, ZeroAlloc]
    public void Parsing_a_span_does_not_allocate() => s_parsed = int.Parse("12345".AsSpan(), CultureInfo.InvariantCulture);

    [Test, ZeroAlloc]
    [Arguments("0", 0)]
    [Arguments("-42", -42)]
    public async Task Parsing_does_not_allocate_for_any_input(string text, int expected)
    {
        int value;
        using (Allocations.Region())   // only this block is counted: TUnit's assertions allocate, and are left out
        {
            value = int.Parse(text.AsSpan(), CultureInfo.InvariantCulture);
        }

        await Assert.That(value).IsEqualTo(expected);
    }

    [Test, ZeroAlloc]
    public void Renting_from_the_pool_does_not_allocate()
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(_buffer.Length);
        ArrayPool<byte>.Shared.Return(rented);
    }

    // A budget instead of zero: new byte[16] is 40 B (24 B header + 16 B).
    [Test, ZeroAlloc(MaxBytesPerCall = 40)]
    public void Copying_allocates_at_most_one_array() => s_copy = (byte[])_buffer.Clone();
    #endregion
}
