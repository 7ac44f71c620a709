namespace Meridian.Perf.Tests.Runtime;

// Top-level on purpose: the runtime names a nested type by its own name only ("SmallNode", not "Outer+SmallNode"),
// so these are the types whose full names the recorder tests can expect.
internal sealed class SmallNode
{
    public int Value { get; set; }
}

internal sealed class MediumNode
{
    public long A { get; set; }
    public long B { get; set; }
    public long C { get; set; }
    public long D { get; set; }
}

internal sealed class BeforeNode
{
    public long Value { get; set; }
}

internal sealed class DuringNode
{
    public long Value { get; set; }
}

internal sealed class AfterNode
{
    public long Value { get; set; }
}

internal sealed class BeforeException : Exception
{
}

internal sealed class DuringException : Exception
{
}

internal sealed class AfterException : Exception
{
}
