namespace Meridian.Perf.Results;

/// <summary>Reads the commit and run of the CI system the process runs under, from the variables each system sets.</summary>
internal static class CiEnvironment
{
    /// <summary>Detects the CI system from <paramref name="read"/> (an environment lookup); null outside CI.</summary>
    public static CiRecord? Detect(Func<string, string?> read)
    {
        if (read("GITHUB_ACTIONS") == "true")
        {
            string? server = read("GITHUB_SERVER_URL");
            string? repository = read("GITHUB_REPOSITORY");
            string? run = read("GITHUB_RUN_ID");
            return new CiRecord
            {
                Provider = "github-actions",
                Commit = read("GITHUB_SHA"),
                Branch = read("GITHUB_HEAD_REF") is { Length: > 0 } head ? head : read("GITHUB_REF_NAME"),
                RunId = run,
                RunAttempt = read("GITHUB_RUN_ATTEMPT"),
                RunUrl = server is null || repository is null || run is null ? null : $"{server}/{repository}/actions/runs/{run}",
            };
        }

        if (read("TF_BUILD") is { } tf && tf.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            string? collection = read("SYSTEM_COLLECTIONURI");
            string? project = read("SYSTEM_TEAMPROJECT");
            string? build = read("BUILD_BUILDID");
            return new CiRecord
            {
                Provider = "azure-pipelines",
                Commit = read("BUILD_SOURCEVERSION"),
                Branch = read("SYSTEM_PULLREQUEST_SOURCEBRANCH") is { Length: > 0 } source ? source : read("BUILD_SOURCEBRANCH"),
                RunId = build,
                RunAttempt = read("SYSTEM_JOBATTEMPT"),
                RunUrl = collection is null || project is null || build is null ? null : $"{collection.TrimEnd('/')}/{project}/_build/results?buildId={build}",
            };
        }

        if (read("GITLAB_CI") == "true")
        {
            return new CiRecord
            {
                Provider = "gitlab",
                Commit = read("CI_COMMIT_SHA"),
                Branch = read("CI_COMMIT_REF_NAME"),
                RunId = read("CI_PIPELINE_ID"),
                RunUrl = read("CI_PIPELINE_URL"),
            };
        }

        if (read("CI") is { } ci && (ci == "1" || ci.Equals("true", StringComparison.OrdinalIgnoreCase)))
        {
            return new CiRecord { Provider = "generic", Commit = read("GIT_COMMIT") ?? read("CI_COMMIT_SHA") };
        }

        return null;
    }
}
