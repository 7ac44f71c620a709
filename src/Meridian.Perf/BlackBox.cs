using System.Runtime.CompilerServices;

namespace Meridian.Perf;

/// <summary>
/// Keeps the JIT from deleting or pre-computing the code under measurement, like Rust's <c>std::hint::black_box</c>.
/// </summary>
/// <remarks>
/// <para>The JIT deletes work whose result nobody reads (dead-code elimination) and evaluates expressions whose inputs
/// it can see at compile time (constant folding). A benchmark that times such a loop times nothing.
/// <see cref="Consume{T}(T)"/> makes a result observable; <see cref="Opaque{T}(T)"/> hides a value's origin so the
/// JIT must compute with it at run time.</para>
/// <para>Both are calls the JIT is told never to inline, so it cannot look inside them; they are generic, so structs are
/// never boxed, and they allocate nothing. Each costs one call (about a nanosecond).</para>
/// </remarks>
public static class BlackBox
{
    /// <summary>Makes <paramref name="value"/> observable, so the code that computed it cannot be removed.</summary>
    /// <typeparam name="T">The value's type; structs are passed without boxing.</typeparam>
    /// <param name="value">The result to keep alive.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Consume<T>(T value)
    {
        // Deliberately empty: the call boundary is the barrier. The JIT must materialise the argument for a call it cannot see into.
    }

    /// <summary>Returns <paramref name="value"/> unchanged, as a value the JIT cannot see through or constant-fold.</summary>
    /// <typeparam name="T">The value's type; structs are passed without boxing.</typeparam>
    /// <param name="value">The input to hide.</param>
    /// <returns><paramref name="value"/>.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Opaque<T>(T value) => value;
}
