using System.Globalization;
using System.Text;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Where a body allocated: call sites with estimated bytes and objects, and the allocating stacks weighted by estimated
/// bytes (the leaf frame of each stack is the allocated type, <c>new T</c>), ready for a bytes flamegraph. Made by
/// <see cref="AllocationProfiler"/>.
/// </summary>
public sealed class AllocationProfile : StackProfile
{
    internal AllocationProfile(
        IReadOnlyList<StackSample> stacks,
        IReadOnlyList<double> stackObjects,
        IReadOnlyList<AllocationSite> sites,
        int sampleCount,
        long? exactThreadBytes,
        TimeSpan duration,
        ProfiledThreads threads,
        ProfilingSessionStatistics session)
        : base(stacks, ProfileWeightUnit.Bytes)
    {
        Sites = sites;
        StackObjects = stackObjects;
        SampleCount = sampleCount;
        ExactThreadBytes = exactThreadBytes;
        Duration = duration;
        Threads = threads;
        Session = session;
    }

    /// <summary>Gets the call sites, most bytes first.</summary>
    public IReadOnlyList<AllocationSite> Sites { get; }

    /// <summary>Gets the estimated objects of each of <see cref="StackProfile.Stacks"/>, in the same order.</summary>
    internal IReadOnlyList<double> StackObjects { get; }

    /// <summary>Gets the sampled allocations kept.</summary>
    public int SampleCount { get; }

    /// <summary>Gets the estimated bytes of all kept samples (the same as <see cref="StackProfile.TotalWeight"/>).</summary>
    public double EstimatedBytes => TotalWeight;

    /// <summary>Gets the bytes the workload thread allocated during the body, counted exactly by the runtime
    /// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>); a check on the estimate. Null for <see cref="ProfiledThreads.AllThreads"/>.</summary>
    public long? ExactThreadBytes { get; }

    /// <summary>Gets the body's wall-clock time under the profiler.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets which threads the profile kept.</summary>
    public ProfiledThreads Threads { get; }

    /// <summary>Gets the profiling session's own costs.</summary>
    public ProfilingSessionStatistics Session { get; }

    /// <inheritdoc/>
    public override string Title => "Allocation profile";

    /// <inheritdoc/>
    protected override string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"{SampleCount} sampled allocations, ~{Math.Round(EstimatedBytes):0} B estimated ({(Threads == ProfiledThreads.Workload ? "the workload thread" : "all threads")}, AllocationSampled events, 1 sample per ~100 KiB)");

    /// <summary>Writes the profile in DHAT's JSON format (version 2), which Valgrind's viewer <c>dh_view.html</c> opens:
    /// one program point per allocating stack with its estimated bytes and objects, frames from the allocation outward
    /// (the allocated type first). Block lifetimes and accesses are not measured (<c>bklt</c> and <c>bkacc</c> false).</summary>
    /// <param name="path">The file to create or overwrite (by convention <c>dhat.*.json</c>).</param>
    public void WriteDhat(string path)
    {
        using var stream = File.Create(path);
        DhatWriter.Write(stream, this);
    }

    /// <summary>The estimated bytes of the sites whose method name contains <paramref name="methodName"/>.</summary>
    /// <param name="methodName">Text to look for in the allocating method's name (ordinal).</param>
    /// <returns>The estimated bytes; 0 when no site matches.</returns>
    public double EstimatedBytesAt(string methodName)
    {
        ArgumentNullException.ThrowIfNull(methodName);
        return Sites.Where(site => site.Method.Contains(methodName, StringComparison.Ordinal)).Sum(site => site.EstimatedBytes);
    }

    /// <summary>Formats a report: the call-site table (estimated bytes, share, objects, samples, type, method) and the
    /// exact byte count it estimates.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Allocation profile: {Description}.");
        if (ExactThreadBytes is { } exact)
        {
            var error = exact > 0 ? ((EstimatedBytes - exact) / exact * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %" : "n/a";
            text.AppendLine(CultureInfo.InvariantCulture, $"Exact bytes allocated by the workload thread: {exact} B (estimate off by {error}).");
        }

        if (SampleCount == 0)
        {
            text.AppendLine("No allocation was sampled: the body allocated too little (one sample per ~100 KiB on average). Repeat the work in a loop until it allocates tens of megabytes.");
        }
        else
        {
            text.AppendLine("  est. bytes   share    est. objects  samples  type @ method");
            foreach (var site in Sites.Take(20))
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  {Math.Round(site.EstimatedBytes),12:0} B {site.EstimatedBytes / EstimatedBytes * 100,5:0.0} %  {Math.Round(site.EstimatedObjects),12:0}  {site.Samples,7}  {site.TypeName} @ {site.Method}");
            }

            if (Sites.Count > 20)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  ... {Sites.Count - 20} more sites.");
            }
        }

        text.Append("Profiler: ").Append(Session).AppendLine(".");
        return text.ToString();
    }
}
