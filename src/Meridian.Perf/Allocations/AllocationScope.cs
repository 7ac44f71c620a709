using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Meridian.Perf;

/// <summary>
/// Counts the bytes the current thread allocates between <see cref="Begin"/> and <see cref="End"/>, exactly,
/// over <see cref="GC.GetAllocatedBytesForCurrentThread"/>: the counting global allocator of .NET.
/// </summary>
/// <remarks>
/// <para>Beginning and ending a scope allocates nothing and costs one thread-local storage access on top of the two counter reads
/// (the registry that catches misuse); <see cref="AllocationMark"/> is the unchecked form that costs the two reads alone.
/// Allocations made by other threads are never counted, and neither is work the code under measurement hands to
/// other threads (<c>Task.Run</c>, thread-pool callbacks); use <see cref="ProcessAllocationScope"/> for those.</para>
/// <para>Scopes nest. A scope must be ended on the thread that began it, and only once; misuse throws
/// <see cref="InvalidOperationException"/>. <see cref="Dispose"/> ends a scope that is still open and does nothing
/// for one already ended, so <c>using var scope = AllocationScope.Begin();</c> is always safe. A scope that is begun and
/// never ended stays registered on its thread; once more than 16 are open at a time the thread's small registry grows,
/// and that growth is counted by the scopes around it.</para>
/// </remarks>
/// <example>
/// <code>
/// var scope = AllocationScope.Begin();
/// parser.Parse(input);
/// long bytes = scope.End();
/// </code>
/// </example>
public readonly ref struct AllocationScope : IDisposable
{
    // The identity of the thread that began the scope (0 for a scope never begun) and the scope's id on that thread.
    private readonly long _thread;
    private readonly long _id;
    private readonly long _startBytes;

    private AllocationScope(long thread, long id, long startBytes)
    {
        _thread = thread;
        _id = id;
        _startBytes = startBytes;
    }

    /// <summary>Begins counting the current thread's allocations.</summary>
    /// <returns>The open scope; end it with <see cref="End"/> or <see cref="Dispose"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AllocationScope Begin()
    {
        // Bookkeeping first, counter last: nothing the scope itself does lands inside its own window.
        long id = OpenScopes.Open(out long thread);
        return new AllocationScope(thread, id, GC.GetAllocatedBytesForCurrentThread());
    }

    /// <summary>Gets whether this scope was begun and has not been ended yet.</summary>
    public bool IsOpen => OpenScopes.IsCurrentThread(_thread) && OpenScopes.Contains(_id);

    /// <summary>Gets the bytes allocated on this thread since the scope began, without ending it.</summary>
    /// <exception cref="InvalidOperationException">The scope was ended already, was never begun, or is read on another thread.</exception>
    public long AllocatedBytes
    {
        get
        {
            long now = GC.GetAllocatedBytesForCurrentThread();
            EnsureOnItsThread(nameof(AllocatedBytes));
            if (!OpenScopes.Contains(_id))
            {
                throw new InvalidOperationException(
                    "AllocationScope.AllocatedBytes was read after the scope ended. Keep the value End() returned instead.");
            }

            return now - _startBytes;
        }
    }

    /// <summary>Ends the scope and returns the bytes the current thread allocated since <see cref="Begin"/>.</summary>
    /// <returns>The exact number of bytes allocated on this thread inside the scope.</returns>
    /// <exception cref="InvalidOperationException">The scope was ended already, was never begun, or is ended on another thread.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long End()
    {
        // Counter first: the bookkeeping below must not be counted.
        long now = GC.GetAllocatedBytesForCurrentThread();
        if (!OpenScopes.Close(_thread, _id))
        {
            ThrowNotClosed(nameof(End), _thread);
        }

        return now - _startBytes;
    }

    /// <summary>Ends the scope if it is still open; does nothing if it was already ended.</summary>
    /// <exception cref="InvalidOperationException">The scope is disposed on another thread than the one that began it.</exception>
    public void Dispose()
    {
        if (_thread != 0)
        {
            EnsureOnItsThread(nameof(Dispose));
            OpenScopes.Close(_thread, _id);
        }
    }

    private void EnsureOnItsThread(string member)
    {
        if (!OpenScopes.IsCurrentThread(_thread))
        {
            ThrowMisused(member, _thread);
        }
    }

    // Close refused: the scope was never begun, belongs to another thread, or has ended already.
    [MethodImpl(MethodImplOptions.NoInlining)]
    [DoesNotReturn]
    private static void ThrowNotClosed(string member, long thread)
    {
        if (!OpenScopes.IsCurrentThread(thread))
        {
            ThrowMisused(member, thread);
        }

        throw new InvalidOperationException(
            "AllocationScope.End() was called on a scope that has already ended. End a scope once; Dispose() after End() is allowed.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [DoesNotReturn]
    private static void ThrowMisused(string member, long thread) =>
        throw new InvalidOperationException(thread == 0
            ? $"AllocationScope.{member} was used on a scope that was never begun (default value). Create scopes with AllocationScope.Begin()."
            : $"AllocationScope.{member} was called on thread {Environment.CurrentManagedThreadId}, but the scope was begun on thread {OpenScopes.ManagedThreadId(thread)}. " +
              "A scope counts one thread's allocations and must be ended on that thread; for work that spans threads use ProcessAllocationScope.");
}
