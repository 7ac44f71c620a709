using System.Buffers;
using System.Globalization;

namespace QuickStart.XunitV3;

public class ParserTests
{
    private int _parsed;
    private byte[] _buffer = new byte[16];

    #region zeroalloc-xunit-v3
    // Runs once as a normal test; when it passes, its body is measured and must not allocate.
    [Fact, ZeroAlloc]
    public void Parsing_a_span_does_not_allocate() => _parsed = int.Parse("12345".AsSpan(), CultureInfo.InvariantCulture);

    [Theory, ZeroAlloc]
    [InlineData("0", 0)]
    [InlineData("-42", -42)]
    public void Parsing_does_not_allocate_for_any_input(string text, int expected)
    {
        int value;
        using (Allocations.Region())   // only this block is counted: Assert.Equal allocates, and is left out
        {
            value = int.Parse(text.AsSpan(), CultureInfo.InvariantCulture);
        }

        Assert.Equal(expected, value);
    }

    [Fact, ZeroAlloc]
    public void Renting_from_the_pool_does_not_allocate()
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(_buffer.Length);
        ArrayPool<byte>.Shared.Return(rented);
    }

    // A budget instead of zero: new byte[16] is 40 B (24 B header + 16 B).
    [Fact, ZeroAlloc(MaxBytesPerCall = 40)]
    public void Copying_allocates_at_most_one_array() => _buffer = (byte[])_buffer.Clone();
    #endregion
}
