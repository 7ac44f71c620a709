namespace Meridian.Perf.Results;

/// <summary>The process that wrote a record: one results file per process, and a process is one run of its tests.</summary>
internal sealed class ProcessRecord
{
    /// <summary>Gets the process id.</summary>
    public int Id { get; init; }

    /// <summary>Gets a random identifier of the process's results file (a process id can repeat across machines and time).</summary>
    public required string Run { get; init; }

    /// <summary>Gets the record's position in its file, from 1.</summary>
    public long Sequence { get; init; }
}
