namespace Meridian.Perf.Profiling;

/// <summary>Explains why the runtime's diagnostic server could not be reached, from the settings that turn it off.</summary>
internal static class DiagnosticsAvailability
{
    private static readonly string[] s_switches = ["DOTNET_EnableDiagnostics", "DOTNET_EnableDiagnostics_IPC", "COMPlus_EnableDiagnostics", "COMPlus_EnableDiagnostics_IPC"];

    public static string Explain(string purpose, Exception error)
    {
        var disabledBy = s_switches.FirstOrDefault(name => Environment.GetEnvironmentVariable(name) == "0");
        var cause = $"{error.GetType().Name}: {error.Message}";
        if (disabledBy is not null)
        {
            return $"Cannot take a {purpose}: the runtime's diagnostic server is turned off in this process because the environment sets {disabledBy}=0, " +
                "so EventPipe cannot be started from inside it. Remove that variable (or set it to 1) for this run, e.g. in the test's runsettings or the CI job, and profile again. " +
                $"(The diagnostics client reported {cause})";
        }

        return $"Cannot take a {purpose}: this process could not start an EventPipe session on itself through its diagnostic port ({cause}). " +
            "The port is a Unix domain socket named dotnet-diagnostic-<pid>-* in the temporary directory (a named pipe on Windows): check that TMPDIR is writable and the same for the runtime and this code, " +
            "and that no DOTNET_DiagnosticPorts setting with 'suspend' or 'connect' replaces the default listener.";
    }
}
