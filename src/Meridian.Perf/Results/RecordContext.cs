namespace Meridian.Perf.Results;

/// <summary>Where a record is written: the file's run identifier and the record's sequence number in it.</summary>
internal readonly record struct RecordContext(string Run, long Sequence);
