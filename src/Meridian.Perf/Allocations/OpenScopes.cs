using System.Runtime.CompilerServices;

namespace Meridian.Perf;

/// <summary>
/// The <see cref="AllocationScope"/>s open on the current thread, so that ending a scope twice is caught even when the
/// struct was copied, and a scope ended on another thread is recognised. No locking, and no allocation after a thread's
/// first scope.
/// </summary>
/// <remarks>
/// Everything the common paths touch is a primitive [ThreadStatic] field (issue 19). The JIT reaches those in the
/// thread's own storage block with one <c>__tls_get_addr</c> call for all of them, where a thread-static reference
/// (the registry object this replaced) adds a check and two dependent loads, and an array adds a bounds check. The
/// open ids live in a pinned array reached through a pointer; the array itself is held by a reference thread-static,
/// which only the rare paths read (a thread's first scope, growth).
/// </remarks>
internal static unsafe class OpenScopes
{
    // This thread's identity: a process-unique token (high 32 bits) and the managed thread id (low 32 bits, for messages).
    [ThreadStatic]
    private static long t_thread;

    [ThreadStatic]
    private static long t_lastId;

    [ThreadStatic]
    private static int t_count;

    [ThreadStatic]
    private static int t_capacity;

    [ThreadStatic]
    private static long* t_ids;

    [ThreadStatic]
    private static long[]? t_storage;

    private static int s_lastToken;

    /// <summary>Registers a new open scope on the current thread.</summary>
    /// <param name="thread">The current thread's identity, to be kept by the scope.</param>
    /// <returns>The scope's id, unique on this thread.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Open(out long thread)
    {
        int count = t_count;
        if ((uint)count >= (uint)t_capacity)
        {
            Grow();
        }

        long id = ++t_lastId;
        t_ids[count] = id;
        t_count = count + 1;
        thread = t_thread;
        return id;
    }

    /// <summary>Closes an open scope; false when it was not open on this thread (ended already, or begun elsewhere).</summary>
    /// <param name="thread">The identity of the thread that began the scope.</param>
    /// <param name="id">The scope's id.</param>
    /// <returns>Whether the scope was open on this thread.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Close(long thread, long id)
    {
        // Scopes are almost always ended innermost first, on their own thread.
        int top = t_count - 1;
        if ((uint)top < (uint)t_capacity && t_ids[top] == id && thread == t_thread)
        {
            t_count = top;
            return true;
        }

        return CloseOutOfOrder(thread, id);
    }

    /// <summary>Gets whether <paramref name="thread"/> is the current thread.</summary>
    /// <param name="thread">A thread identity kept by a scope.</param>
    /// <returns>Whether it is the current thread's.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCurrentThread(long thread) => thread != 0 && thread == t_thread;

    /// <summary>Gets whether scope <paramref name="id"/> is open on the current thread.</summary>
    /// <param name="id">The scope's id.</param>
    /// <returns>Whether it is open.</returns>
    public static bool Contains(long id) => IndexOf(id) >= 0;

    /// <summary>Gets the managed thread id a thread identity was taken on.</summary>
    /// <param name="thread">A thread identity kept by a scope.</param>
    /// <returns>The managed thread id.</returns>
    public static int ManagedThreadId(long thread) => (int)thread;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow()
    {
        if (t_thread == 0)
        {
            t_thread = ((long)Interlocked.Increment(ref s_lastToken) << 32) | (uint)Environment.CurrentManagedThreadId;
        }

        // Pinned, so the pointer stays valid for as long as the thread keeps the array.
        var ids = GC.AllocateArray<long>(Math.Max(16, t_capacity * 2), pinned: true);
        t_storage?.AsSpan(0, t_count).CopyTo(ids);
        t_storage = ids;
        t_ids = (long*)Unsafe.AsPointer(ref ids[0]);
        t_capacity = ids.Length;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool CloseOutOfOrder(long thread, long id)
    {
        if (!IsCurrentThread(thread))
        {
            return false;
        }

        int index = IndexOf(id);
        if (index < 0)
        {
            return false;
        }

        var ids = new Span<long>(t_ids, t_count);
        ids[(index + 1)..].CopyTo(ids[index..]);
        t_count--;
        return true;
    }

    private static int IndexOf(long id)
    {
        var ids = new ReadOnlySpan<long>(t_ids, t_count);
        for (int i = ids.Length - 1; i >= 0; i--)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
