namespace Meridian.Docs.Snippets;

/// <summary>Finds the repository the docs live in.</summary>
internal static class DocsPaths
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meridian.Perf.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Meridian.Perf.sln was not found above " + AppContext.BaseDirectory);
    }
}
