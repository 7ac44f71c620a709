namespace Meridian.Perf.Profiling;

/// <summary>Where in the source a frame was: the file name and line of the statement that was running (the leaf) or
/// calling the next frame (a caller), from the portable PDB. Code the JIT inlined has the line of the call it replaced.</summary>
/// <param name="File">The source file's name, without its directory.</param>
/// <param name="Line">The line, from 1.</param>
public readonly record struct SourceLine(string File, int Line)
{
    /// <summary>Formats the line as <c>File.cs:42</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{File}:{Line}";
}
