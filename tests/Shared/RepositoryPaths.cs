namespace Meridian.Perf.Testing.Fixtures;

/// <summary>Finds the repository the tests were built from.</summary>
internal static class RepositoryPaths
{
    /// <summary>Gets the folder that holds Meridian.Perf.sln, above the test assembly.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Meridian.Perf.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Meridian.Perf.sln was not found above {AppContext.BaseDirectory}.");
    }
}
