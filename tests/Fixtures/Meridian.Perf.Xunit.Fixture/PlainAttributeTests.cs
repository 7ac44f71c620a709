namespace Meridian.Perf.Xunit.Fixture;

/// <summary>xunit's own [Fact] and [Theory] with a plain [ZeroAlloc], which this assembly's ZeroAllocTestFramework honours.</summary>
public class PlainAttributeTests
{
    private readonly int _number = 42;
    private object? _sink;

    public static TheoryData<PassingTests.Payload> Payloads => new() { new PassingTests.Payload("10", 10), new PassingTests.Payload("11", 11) };

    [Fact, ZeroAlloc]
    public void EmptyBody()
    {
    }

    [Fact, ZeroAlloc]
    public void Boxing() => _sink = _number;

    [Theory, ZeroAlloc]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void NewArray(int length) => _sink = new int[length];

    // new int[10] is 64 B (within budget), new int[11] is 72 B (over it).
    [Theory, ZeroAlloc(MaxBytesPerCall = 64)]
    [MemberData(nameof(Payloads))]
    public void NonSerializableMemberData(PassingTests.Payload payload) => _sink = new int[payload.Expected];

    [Fact, ZeroAlloc]
    public void FailingAssertion() => Assert.Equal(41, _number);

    [CustomFact, ZeroAlloc]
    public void UnderAnotherFactAttribute() => _sink = _number;

    /// <summary>A fact attribute ZeroAllocTestFramework does not re-route: [ZeroAlloc] must then fail loudly, not be ignored.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class CustomFactAttribute : FactAttribute
    {
    }
}
