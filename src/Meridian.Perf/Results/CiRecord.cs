namespace Meridian.Perf.Results;

/// <summary>The commit and CI run a result belongs to, read from the CI system's environment variables.</summary>
internal sealed class CiRecord
{
    /// <summary>Gets the CI system: <c>github-actions</c>, <c>azure-pipelines</c>, <c>gitlab</c> or <c>generic</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the commit.</summary>
    public string? Commit { get; init; }

    /// <summary>Gets the branch or ref.</summary>
    public string? Branch { get; init; }

    /// <summary>Gets the CI run's id.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the attempt of the run, when retried.</summary>
    public string? RunAttempt { get; init; }

    /// <summary>Gets a link to the run.</summary>
    public string? RunUrl { get; init; }
}
