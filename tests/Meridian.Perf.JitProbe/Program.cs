using System.Runtime.CompilerServices;
using Meridian.Perf;

// Each pair computes the same thing; only BlackBox differs. The test reads the JIT's disassembly of all four.
Console.WriteLine(JitProbe.FoldedArithmetic());
Console.WriteLine(JitProbe.OpaqueArithmetic());
JitProbe.DeadLoop(1000);
JitProbe.ConsumedLoop(1000);

internal static class JitProbe
{
    /// <summary>Constant folding: the JIT sees 7 and computes 7 × 7 + 7 × 3 = 70 at compile time.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int FoldedArithmetic()
    {
        int x = 7;
        return (x * x) + (x * 3);
    }

    /// <summary>The same arithmetic on a value the JIT cannot see through.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int OpaqueArithmetic()
    {
        int x = BlackBox.Opaque(7);
        return (x * x) + (x * 3);
    }

    /// <summary>Dead-code elimination: nobody reads the square roots, so the JIT does not compute them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void DeadLoop(int n)
    {
        for (int i = 0; i < n; i++)
        {
            _ = Math.Sqrt(i);
        }
    }

    /// <summary>The same loop with every result consumed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ConsumedLoop(int n)
    {
        for (int i = 0; i < n; i++)
        {
            BlackBox.Consume(Math.Sqrt(i));
        }
    }
}
