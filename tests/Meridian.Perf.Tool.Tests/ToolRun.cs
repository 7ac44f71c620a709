namespace Meridian.Perf.Tool.Tests;

/// <summary>Runs the tool's command line in-process, as <c>meridian-perf</c> would run, capturing what it prints.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public static ToolRun Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = Cli.Run(args, output, error);
        return new ToolRun(exit, output.ToString(), error.ToString());
    }

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);
}
