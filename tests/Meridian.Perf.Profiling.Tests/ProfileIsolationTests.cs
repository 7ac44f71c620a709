using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Meridian.Perf.Profiling.Tests;

/// <summary>
/// Two profiles at once on two threads (issue: each profile held both threads' samples). The perf_event_open sampler
/// samples only its own thread, so both run at the same time; EventPipe sessions take turns, so the second waits.
/// Either way, a body that never calls the other body's method has none of its samples or bytes.
/// </summary>
public sealed class ProfileIsolationTests
{
    private static long s_sink;

    [Theory]
    [InlineData(CpuSampler.Automatic)]
    [InlineData(CpuSampler.EventPipe)]
    public void Two_concurrent_cpu_profiles_each_hold_only_their_own_threads_samples(CpuSampler sampler)
    {
        var options = new ProfilerOptions { Sampler = sampler, SamplingInterval = TimeSpan.FromMicroseconds(250) };
        SpinA(1_000);
        SpinB(1_000);
        using var bothStarted = new Barrier(2);
        var spans = new (long Start, long End)[2];

        // A fixed amount of work (~0.3 s of CPU time here), not a wall-clock time: on a loaded machine the thread gets
        // less CPU in the same time, and the perf_event_open sampler counts CPU time.
        CpuProfile ProfileOnThread(int index, Action<int> spin) => CpuProfiler.Profile(
            () =>
            {
                spans[index].Start = Stopwatch.GetTimestamp();
                spin(300_000);
                spans[index].End = Stopwatch.GetTimestamp();
            },
            options);

        var a = Task.Factory.StartNew(() => { bothStarted.SignalAndWait(); return ProfileOnThread(0, SpinA); }, TaskCreationOptions.LongRunning);
        var b = Task.Factory.StartNew(() => { bothStarted.SignalAndWait(); return ProfileOnThread(1, SpinB); }, TaskCreationOptions.LongRunning);
        var profileA = a.Result;
        var profileB = b.Result;

        Assert.True(profileA.SampleCount >= 50 && profileB.SampleCount >= 50, $"Too few samples:\n{profileA}\n{profileB}");
        Assert.Equal(0, profileA.InclusiveShareOf("ProfileIsolationTests.SpinB("));
        Assert.Equal(0, profileB.InclusiveShareOf("ProfileIsolationTests.SpinA("));
        Assert.True(profileA.InclusiveShareOf("ProfileIsolationTests.SpinA(") > 0.9, $"{profileA}\n{profileA.ToFolded()}");
        Assert.True(profileB.InclusiveShareOf("ProfileIsolationTests.SpinB(") > 0.9, $"{profileB}\n{profileB.ToFolded()}");

        var overlapped = spans[0].Start < spans[1].End && spans[1].Start < spans[0].End;
        if (profileA.Sampler == CpuSampler.EventPipe)
        {
            Assert.False(overlapped, "EventPipe profiles must take turns, but the two bodies ran at the same time.");
        }
    }

    [Fact]
    public void Two_concurrent_allocation_profiles_each_hold_only_their_own_threads_allocations()
    {
        AllocateArrays(10);
        AllocateStrings(10);
        using var bothStarted = new Barrier(2);
        var arrays = Task.Factory.StartNew(() => { bothStarted.SignalAndWait(); return AllocationProfiler.Profile(() => AllocateArrays(20_000)); }, TaskCreationOptions.LongRunning);
        var strings = Task.Factory.StartNew(() => { bothStarted.SignalAndWait(); return AllocationProfiler.Profile(() => AllocateStrings(200_000)); }, TaskCreationOptions.LongRunning);

        var arrayProfile = arrays.Result;
        var stringProfile = strings.Result;

        Assert.All(arrayProfile.Sites, site => Assert.Equal("System.Byte[]", site.TypeName));
        Assert.DoesNotContain(stringProfile.Sites, site => site.TypeName == "System.Byte[]");
        foreach (var profile in new[] { arrayProfile, stringProfile })
        {
            var exact = profile.ExactThreadBytes!.Value;
            var error = Math.Abs(profile.EstimatedBytes - exact) / exact;
            Assert.True(error < 0.25, $"Estimated {profile.EstimatedBytes:0} B of exact {exact} B:\n{profile}");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SpinA(int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            s_sink += Step(s_sink);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SpinB(int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            s_sink ^= Step(s_sink);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Step(long x)
    {
        for (var i = 0; i < 1000; i++)
        {
            x = (x * 31) + i;
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AllocateArrays(int count)
    {
        for (var i = 0; i < count; i++)
        {
            GC.KeepAlive(new byte[2_000]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AllocateStrings(int count)
    {
        for (var i = 0; i < count; i++)
        {
            GC.KeepAlive(new string('x', 100));
        }
    }
}
