using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Meridian.Perf;

/// <summary>Finds, reads, validates and atomically writes baseline files.</summary>
internal static partial class BaselineStore
{
    public const string AcceptVariable = "MERIDIAN_PERF_ACCEPT";

    public static string PathFor(string key, string sourceFile, string? directory)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw new ArgumentException($"The baseline key '{key}' cannot name a file: use 1–100 letters, digits, '.', '-' or '_', starting with a letter or digit.", nameof(key));
        }

        string stem = string.IsNullOrEmpty(sourceFile) ? "Baselines" : Path.GetFileNameWithoutExtension(sourceFile);
        directory ??= Path.GetDirectoryName(sourceFile);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            throw new InvalidOperationException(
                $"Cannot store the baseline '{key}' beside the test source: its directory '{directory}' does not exist on this machine. " +
                "A deterministic build (ContinuousIntegrationBuild, PathMap) maps source paths to '/_/'; set BaselineOptions.Directory to the folder that holds the baselines.");
        }

        return Path.Combine(directory, $"{stem}.{key}.perf.json");
    }

    public static bool AcceptRequested(Func<string, string?> readVariable)
    {
        string? value = readVariable(AcceptVariable)?.Trim();
        return value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "yes", StringComparison.OrdinalIgnoreCase);
    }

    public static BaselineFile Read(string path, string key)
    {
        BaselineFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllText(path, Encoding.UTF8), BaselineJsonContext.Default.BaselineFile);
        }
        catch (JsonException error)
        {
            throw Corrupt(path, $"it is not a valid baseline document: {error.Message}", error);
        }

        if (file is null)
        {
            throw Corrupt(path, "it holds the JSON literal null instead of a baseline document");
        }

        if (file.SchemaVersion != BaselineFile.CurrentSchemaVersion)
        {
            throw Corrupt(path, $"its schemaVersion is {file.SchemaVersion}; this version of Meridian.Perf reads {BaselineFile.CurrentSchemaVersion}");
        }

        if (!string.Equals(file.Key, key, StringComparison.Ordinal))
        {
            throw Corrupt(path, $"it records the key '{file.Key}', not '{key}'");
        }

        if (file.Samples is not { Length: >= 5 })
        {
            throw Corrupt(path, $"it holds {file.Samples?.Length ?? 0} samples; at least 5 are needed");
        }

        for (int i = 0; i < file.Samples.Length; i++)
        {
            if (!double.IsFinite(file.Samples[i]) || file.Samples[i] <= 0)
            {
                throw Corrupt(path, $"sample {i} is {file.Samples[i]}; samples are positive times in {file.Unit}");
            }
        }

        if (file.Machine is null || file.Machine.CpuModel is null || file.Machine.Runtime is null)
        {
            throw Corrupt(path, "its machine fingerprint is missing or incomplete");
        }

        return file;
    }

    /// <summary>Writes to a temporary file beside the target, then renames it over the target: a crash leaves the old file whole.</summary>
    public static void Write(string path, BaselineFile file, Action<string>? beforeReplace = null)
    {
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, file, BaselineJsonContext.Default.BaselineFile);
                stream.Flush(flushToDisk: true);
            }

            beforeReplace?.Invoke(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static InvalidDataException Corrupt(string path, string problem, Exception? inner = null) => new(
        $"The stored timing baseline '{path}' cannot be used: {problem}. Fix or delete the file, or record it again with {AcceptVariable}=1.",
        inner);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex KeyPattern();
}
