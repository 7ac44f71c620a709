namespace Meridian.Perf;

/// <summary>Exact bytes and operations of each body over every measured batch.</summary>
internal readonly record struct AllocationTotals(long BaselineBytes, long BaselineOperations, long CandidateBytes, long CandidateOperations)
{
    public double BaselinePerOperation => BaselineOperations == 0 ? 0 : (double)BaselineBytes / BaselineOperations;

    public double CandidatePerOperation => CandidateOperations == 0 ? 0 : (double)CandidateBytes / CandidateOperations;
}
