using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Meridian.Perf.Profiling;

/// <summary>Source lines of IL offsets from portable PDBs: the .pdb beside the assembly, or one embedded in it.</summary>
internal sealed class PortablePdbLines : IDisposable
{
    private readonly Dictionary<string, MetadataReaderProvider?> _readers = new(StringComparer.Ordinal);

    /// <summary>The file name and line of the statement at <paramref name="ilOffset"/> in a method, or null when the
    /// assembly has no readable portable PDB or the method has no sequence point there.</summary>
    public (string File, int Line)? Find(string assemblyPath, int methodToken, int ilOffset)
    {
        if (Reader(assemblyPath) is not { } reader || (methodToken >> 24) != 0x06)
        {
            return null;
        }

        try
        {
            var method = MetadataTokens.MethodDefinitionHandle(methodToken & 0xFFFFFF);
            var information = reader.GetMethodDebugInformation(method.ToDebugInformationHandle());
            SequencePoint? best = null;
            foreach (var point in information.GetSequencePoints())
            {
                if (point.IsHidden)
                {
                    continue;
                }

                if (best is null || point.Offset <= ilOffset)
                {
                    best = point;
                }

                if (point.Offset > ilOffset)
                {
                    break;
                }
            }

            return best is { } found ? (Path.GetFileName(reader.GetString(reader.GetDocument(found.Document).Name)), found.StartLine) : null;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var provider in _readers.Values)
        {
            provider?.Dispose();
        }
    }

    private MetadataReader? Reader(string assemblyPath)
    {
        if (!_readers.TryGetValue(assemblyPath, out var provider))
        {
            _readers[assemblyPath] = provider = Open(assemblyPath);
        }

        return provider?.GetMetadataReader();
    }

    private static MetadataReaderProvider? Open(string assemblyPath)
    {
        try
        {
            var pdb = Path.ChangeExtension(assemblyPath, ".pdb");
            if (File.Exists(pdb))
            {
                using var stream = File.OpenRead(pdb);
                return MetadataReaderProvider.FromPortablePdbStream(stream, MetadataStreamOptions.PrefetchMetadata);
            }

            if (!File.Exists(assemblyPath))
            {
                return null;
            }

            using var peReader = new PEReader(File.OpenRead(assemblyPath));
            var embedded = peReader.ReadDebugDirectory().FirstOrDefault(entry => entry.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
            return embedded.DataSize > 0 ? peReader.ReadEmbeddedPortablePdbDebugDirectoryData(embedded) : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            // A Windows PDB, or none: no lines for this assembly.
            return null;
        }
    }
}
