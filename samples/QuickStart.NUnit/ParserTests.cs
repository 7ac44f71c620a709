using System.Buffers;
using System.Globalization;
using NUnit.Framework;

namespace QuickStart.NUnit;

public class ParserTests
{
    private int _parsed;
    private byte[] _buffer = [];

    [SetUp]
    public void SetUp() => _buffer = new byte[16];

    #region zeroalloc-nunit
    // Runs once as a normal test; when it passes, its body is measured and must not allocate.
    [Test, ZeroAlloc]
    public void Parsing_a_span_does_not_allocate() => _parsed = int.Parse("12345".AsSpan(), CultureInfo.InvariantCulture);

    [TestCase("0", 0)]
    [TestCase("-42", -42)]
    [ZeroAlloc]
    public void Parsing_does_not_allocate_for_any_input(string text, int expected)
    {
        int value;
        using (Allocations.Region())   // only this block is counted: Assert.That allocates, and is left out
        {
            value = int.Parse(text.AsSpan(), CultureInfo.InvariantCulture);
        }

        Assert.That(value, Is.EqualTo(expected));
    }

    [Test, ZeroAlloc]
    public void Renting_from_the_pool_does_not_allocate()
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(_buffer.Length);
        ArrayPool<byte>.Shared.Return(rented);
    }

    // A budget instead of zero: new byte[16] is 40 B (24 B header + 16 B).
    [Test, ZeroAlloc(MaxBytesPerCall = 40)]
    public void Copying_allocates_at_most_one_array() => _buffer = (byte[])_buffer.Clone();
    #endregion
}
