using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Meridian.Perf.Results;

/// <summary>
/// This process's results file: JSON Lines, created on the first record. A record is serialised first and then
/// written as one whole line under a lock and flushed, so threads never interleave and a crash loses no written line;
/// each process has its own file, so processes never share one.
/// </summary>
internal sealed class ResultsFile
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private FileStream? _stream;
    private long _sequence;

    public ResultsFile(string folder)
    {
        Folder = System.IO.Path.GetFullPath(folder);
        Run = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        FilePath = System.IO.Path.Combine(
            Folder,
            string.Create(CultureInfo.InvariantCulture, $"meridian-perf-{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Environment.ProcessId}-{Run}.jsonl"));
    }

    public string Folder { get; }

    public string FilePath { get; }

    /// <summary>Gets the random identifier of this file (and process).</summary>
    public string Run { get; }

    /// <summary>Writes one record; <paramref name="build"/> receives the unique name and the sequence number.</summary>
    public void Write(string name, Func<string, long, ResultRecord> build)
    {
        lock (_gate)
        {
            // A second result under the same name in one process (a loop, a theory without arguments) gets " #2", " #3".
            int count = _names.TryGetValue(name, out int seen) ? seen + 1 : 1;
            _names[name] = count;
            string unique = count == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name} #{count}");
            var record = build(unique, ++_sequence);
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(record, ResultsJsonContext.Default.ResultRecord);
            var line = new byte[json.Length + 1];
            json.CopyTo(line, 0);
            line[^1] = (byte)'\n';
            var stream = _stream ??= Open();
            stream.Write(line);
            stream.Flush();
        }
    }

    private FileStream Open()
    {
        try
        {
            Directory.CreateDirectory(Folder);
            return new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Meridian.Perf could not create its results file '{FilePath}' ({ResultsSink.FolderVariable} or MeridianPerfResults asked for results in '{Folder}'): {error.Message}",
                error);
        }
    }
}
