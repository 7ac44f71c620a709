using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Meridian.Perf;

/// <summary>
/// Finds, reads, validates and writes baseline files. Writers take a per-file lock (an advisory lock on a file in the
/// temporary folder, released by the kernel when a process dies), then write a temporary file beside the target and
/// rename it over the target: a crash leaves the old file whole, and the next writer removes the leftovers.
/// </summary>
internal static partial class BaselineStore
{
    public const string AcceptVariable = "MERIDIAN_PERF_ACCEPT";

    /// <summary>Gets the smallest and largest ns per operation a baseline may hold: a picosecond to about three hours.</summary>
    public const double MinNanoseconds = 1e-3;

    public const double MaxNanoseconds = 1e13;

    /// <summary>Gets the most bytes per operation a baseline may hold (a terabyte).</summary>
    public const double MaxBytesPerOperation = 1e12;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    public static string PathFor(string key, string sourceFile, string? directory)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw new ArgumentException($"The baseline key '{key}' cannot name a file: use 1–100 letters, digits, '.', '-' or '_', starting with a letter or digit.", nameof(key));
        }

        string stem = string.IsNullOrEmpty(sourceFile) ? "Baselines" : Path.GetFileNameWithoutExtension(sourceFile);
        if (directory is not null)
        {
            if (!Directory.Exists(directory))
            {
                throw new InvalidOperationException(File.Exists(directory)
                    ? $"Cannot store the baseline '{key}': BaselineOptions.Directory '{directory}' is a file, not a folder. Point BaselineOptions.Directory at the folder that holds the baselines."
                    : $"Cannot store the baseline '{key}': BaselineOptions.Directory '{directory}' does not exist. Create it (and commit the baselines recorded there), or point BaselineOptions.Directory at the folder that holds them.");
            }
        }
        else
        {
            directory = Path.GetDirectoryName(sourceFile);
            if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            {
                throw new InvalidOperationException(
                    $"Cannot store the baseline '{key}' beside the test source: its directory '{directory}' does not exist on this machine. " +
                    "A deterministic build (ContinuousIntegrationBuild, PathMap) maps source paths to '/_/'; set BaselineOptions.Directory to the folder that holds the baselines.");
            }
        }

        string path = Path.Combine(directory, $"{stem}.{key}.perf.json");
        if (Directory.Exists(path))
        {
            throw new InvalidOperationException($"Cannot use the baseline '{path}': that path is a folder, not a file. Remove or rename the folder, or choose another key.");
        }

        return path;
    }

    public static bool AcceptRequested(Func<string, string?> readVariable)
    {
        string? value = readVariable(AcceptVariable)?.Trim();
        return value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "yes", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the file's text, or <see langword="null"/> when there is no file.</summary>
    public static string? Snapshot(string path)
    {
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Checks, before anything is measured, that the baseline can be written: the folder accepts a new file.</summary>
    public static void EnsureWritable(string path)
    {
        string directory = Path.GetDirectoryName(path)!;
        string probe = Path.Combine(directory, $".meridian-perf-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            string reason = error is UnauthorizedAccessException ? "access to the folder is denied" : $"the folder does not accept a new file ({error.GetType().Name})";
            throw new InvalidOperationException(
                $"Cannot write the baseline '{path}': {reason}. Make '{directory}' writable, or set BaselineOptions.Directory to a writable folder. Nothing was measured.",
                error);
        }
    }

    public static BaselineFile Read(string path, string key) => Parse(File.ReadAllText(path, Encoding.UTF8), path, key);

    public static BaselineFile Parse(string text, string path, string key)
    {
        int version;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                throw Corrupt(path, "it holds the JSON literal null instead of a baseline document");
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("schemaVersion", out var schema)
                || !schema.TryGetInt32(out version))
            {
                throw Corrupt(path, "it is not a baseline document: there is no integer schemaVersion at its top level");
            }
        }
        catch (JsonException error)
        {
            throw Corrupt(path, $"it is not a valid baseline document: {error.Message}", error);
        }

        if (version > BaselineFile.CurrentSchemaVersion)
        {
            throw new InvalidDataException(
                $"The stored timing baseline '{path}' was written by a newer Meridian.Perf: its schemaVersion is {version}, and this version reads 1 to {BaselineFile.CurrentSchemaVersion}. " +
                $"Update the Meridian.Perf package, or record the baseline again with {AcceptVariable}=1 (which replaces it in this version's format).");
        }

        BaselineFile? file;
        try
        {
            file = version switch
            {
                1 => JsonSerializer.Deserialize(text, BaselineJsonContext.Default.LegacyBaselineFile) is { } legacy ? Validate(legacy, path).ToCurrent() : null,
                BaselineFile.CurrentSchemaVersion => JsonSerializer.Deserialize(text, BaselineJsonContext.Default.BaselineFile),
                _ => throw Corrupt(path, $"its schemaVersion is {version}; schema versions start at 1"),
            };
        }
        catch (JsonException error)
        {
            throw Corrupt(path, $"it is not a valid baseline document: {error.Message}", error);
        }

        if (file is null)
        {
            throw Corrupt(path, "it holds the JSON literal null instead of a baseline document");
        }

        if (!string.Equals(file.Key, key, StringComparison.Ordinal))
        {
            throw Corrupt(path, $"it records the key '{file.Key}', not '{key}'");
        }

        if (file.Machine is null || file.Machine.CpuModel is null || file.Machine.Runtime is null)
        {
            throw Corrupt(path, "its machine fingerprint is missing or incomplete");
        }

        Bytes(file.AllocatedBytesPerOperation, path);
        if (file.Runs is not { Length: > 0 })
        {
            throw Corrupt(path, "it records no runs");
        }

        for (int run = 0; run < file.Runs.Length; run++)
        {
            var entry = file.Runs[run] ?? throw Corrupt(path, $"run {run} is null");
            Time(entry.Nanoseconds, $"run {run}'s nanoseconds", path, file.Unit);
            if (entry.Replicates is not { Length: > 0 })
            {
                throw Corrupt(path, $"run {run} has no replicates");
            }

            for (int i = 0; i < entry.Replicates.Length; i++)
            {
                Time(entry.Replicates[i], $"run {run}'s replicate {i}", path, file.Unit);
            }

            if (entry.Batches < 1 || entry.OperationsPerBatch < 1)
            {
                throw Corrupt(path, $"run {run} records {entry.Batches} batches of {entry.OperationsPerBatch} operations; both must be 1 or more");
            }
        }

        return file;
    }

    /// <summary>
    /// Writes <paramref name="file"/> if the file still holds <paramref name="expected"/> (what this process read before
    /// measuring; <see langword="null"/> for no file), under the per-file lock. Returns <see langword="false"/>, without
    /// writing, when another process changed it meanwhile: the first writer wins and the others are told.
    /// </summary>
    public static bool Commit(string path, string? expected, BaselineFile file, Action<string>? beforeReplace = null)
    {
        using var held = Lock(path);
        RemoveLeftovers(path);
        if (!string.Equals(Snapshot(path), expected, StringComparison.Ordinal))
        {
            return false;
        }

        Write(path, file, beforeReplace);
        return true;
    }

    /// <summary>Writes to a temporary file beside the target, then renames it over the target. Callers hold the lock.</summary>
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

    /// <summary>The temporary files a writer killed before its rename left beside <paramref name="path"/>. Only lock holders create them, so under the lock every one is a leftover.</summary>
    public static string[] Leftovers(string path) =>
        Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".*.tmp");

    private static void RemoveLeftovers(string path)
    {
        foreach (string leftover in Leftovers(path))
        {
            try
            {
                File.Delete(leftover);
            }
            catch (IOException)
            {
                // Gone already, or held by something else: the next writer tries again; readers never look at it.
            }
        }
    }

    private static FileStream Lock(string path)
    {
        string folder = Path.Combine(Path.GetTempPath(), "meridian-perf-locks");
        Directory.CreateDirectory(folder);
        string name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(path))))[..32] + ".lock";
        string lockPath = Path.Combine(folder, name);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock on Unix): the kernel releases it when the process dies.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                Thread.Sleep(Random.Shared.Next(5, 25));
            }
            catch (IOException error)
            {
                throw new IOException($"Gave up after {LockTimeout.TotalSeconds:0} s waiting for another process to finish writing the baseline '{path}' (lock file '{lockPath}'). Nothing was written.", error);
            }
        }
    }

    private static LegacyBaselineFile Validate(LegacyBaselineFile legacy, string path)
    {
        if (legacy.Samples is not { Length: >= 5 })
        {
            throw Corrupt(path, $"it holds {legacy.Samples?.Length ?? 0} samples; at least 5 are needed");
        }

        for (int i = 0; i < legacy.Samples.Length; i++)
        {
            Time(legacy.Samples[i], $"sample {i}", path, legacy.Unit);
        }

        if (legacy.OperationsPerBatch < 1)
        {
            throw Corrupt(path, $"it records {legacy.OperationsPerBatch} operations per batch; at least 1 is needed");
        }

        return legacy;
    }

    private static void Time(double value, string what, string path, string unit)
    {
        if (!double.IsFinite(value) || value < MinNanoseconds || value > MaxNanoseconds)
        {
            throw Corrupt(path, string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{what} is {value}; a time per operation must lie between {MinNanoseconds} and {MaxNanoseconds:0e0} {unit} (a picosecond to about three hours)"));
        }
    }

    private static void Bytes(double value, string path)
    {
        if (!double.IsFinite(value) || value < 0 || value > MaxBytesPerOperation)
        {
            throw Corrupt(path, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"allocatedBytesPerOperation is {value}; it must lie between 0 and {MaxBytesPerOperation:0e0}"));
        }
    }

    private static InvalidDataException Corrupt(string path, string problem, Exception? inner = null) => new(
        $"The stored timing baseline '{path}' cannot be used: {problem}. Fix or delete the file, or record it again with {AcceptVariable}=1.",
        inner);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex KeyPattern();
}
