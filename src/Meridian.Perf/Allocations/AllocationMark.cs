using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Meridian.Perf;

/// <summary>
/// The cheap form of <see cref="AllocationScope"/>: a mark in the current thread's exact allocation count, read again
/// with <see cref="AllocatedBytes"/>. It costs the two raw <see cref="GC.GetAllocatedBytesForCurrentThread"/> reads and
/// nothing else, for counting inside hot loops.
/// </summary>
/// <remarks>
/// <para>What it gives up against <see cref="AllocationScope"/>: a mark has no open or ended state, so there is nothing to
/// end twice, and it does not check the thread it is read on (the checked scope keeps a per-thread registry for both: one
/// thread-local storage access in <c>Begin</c> and one in <c>End</c>, shared when both are in one method). Being a <see langword="ref"/> struct, a mark still cannot
/// be captured, stored on the heap or kept across an <see langword="await"/>, so only unsafe code can carry it to
/// another thread, where <see cref="AllocatedBytes"/> would subtract one thread's count from another's. A mark that was
/// never taken (<see langword="default"/>) throws.</para>
/// <para>Read <see cref="AllocatedBytes"/> as often as you like: every read counts from the same mark, so marks nest and
/// overlap freely.</para>
/// </remarks>
/// <example>
/// <code>
/// var mark = AllocationMark.Now();
/// parser.Parse(input);
/// long bytes = mark.AllocatedBytes;
/// </code>
/// </example>
public readonly ref struct AllocationMark
{
    // The count plus one, so that a default mark (never taken) is told apart from a thread that allocated nothing yet.
    private readonly long _startPlusOne;

    private AllocationMark(long start) => _startPlusOne = start + 1;

    /// <summary>Marks the current thread's allocation count now.</summary>
    /// <returns>The mark.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AllocationMark Now() => new(GC.GetAllocatedBytesForCurrentThread());

    /// <summary>Gets the bytes the current thread allocated since the mark was taken, exactly.</summary>
    /// <exception cref="InvalidOperationException">The mark was never taken (a <see langword="default"/> value).</exception>
    public long AllocatedBytes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            long now = GC.GetAllocatedBytesForCurrentThread();
            if (_startPlusOne == 0)
            {
                ThrowNeverTaken();
            }

            return now - (_startPlusOne - 1);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [DoesNotReturn]
    private static void ThrowNeverTaken() =>
        throw new InvalidOperationException("AllocationMark.AllocatedBytes was read on a mark that was never taken (default value). Take marks with AllocationMark.Now().");
}
