#if !NET9_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>The C# 13 overload tie-breaker, declared for targets whose base library predates it (the compiler matches it by name).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class OverloadResolutionPriorityAttribute(int priority) : Attribute
{
    public int Priority { get; } = priority;
}
#endif
