using System.Globalization;
using System.Text;

namespace Meridian.Perf.Profiling;

/// <summary>A profile as weighted call stacks, with the views every profile shares: top frames by self and inclusive
/// share, and the interchange formats (folded stacks, speedscope JSON, SVG flamegraph).</summary>
public abstract class StackProfile
{
    private IReadOnlyList<FrameShare>? _frames;

    /// <summary>Initializes the profile.</summary>
    /// <param name="stacks">The stacks, root first.</param>
    /// <param name="unit">What the weights count.</param>
    private protected StackProfile(IReadOnlyList<StackSample> stacks, ProfileWeightUnit unit)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        Stacks = stacks;
        Unit = unit;
        TotalWeight = StackStatistics.Total(stacks);
    }

    /// <summary>Gets the stacks, root first; identical stacks are merged, weights summed.</summary>
    public IReadOnlyList<StackSample> Stacks { get; }

    /// <summary>Gets what the weights count.</summary>
    public ProfileWeightUnit Unit { get; }

    /// <summary>Gets the sum of all stacks' weights.</summary>
    public double TotalWeight { get; }

    /// <summary>Gets a short name of the profile, used as the title of flamegraphs and speedscope files.</summary>
    public abstract string Title { get; }

    /// <summary>Gets every frame with its self and inclusive share, heaviest inclusive first.</summary>
    public IReadOnlyList<FrameShare> Frames => _frames ??= StackStatistics.Frames(Stacks);

    /// <summary>The frames with the largest self weight (where the samples land or the bytes are allocated).</summary>
    /// <param name="count">How many frames.</param>
    /// <returns>Up to <paramref name="count"/> frames, heaviest first.</returns>
    public IReadOnlyList<FrameShare> TopBySelf(int count = 10) =>
        Frames.OrderByDescending(frame => frame.SelfWeight).ThenBy(frame => frame.Name, StringComparer.Ordinal).Take(count).ToArray();

    /// <summary>The frames with the largest inclusive weight (themselves plus what they call).</summary>
    /// <param name="count">How many frames.</param>
    /// <returns>Up to <paramref name="count"/> frames, heaviest first.</returns>
    public IReadOnlyList<FrameShare> TopByInclusive(int count = 10) => Frames.Take(count).ToArray();

    /// <summary>The share of the total weight in stacks that contain a frame whose name contains <paramref name="methodName"/>
    /// (e.g. <c>"Parser.ReadHeader"</c>), each stack counted once.</summary>
    /// <param name="methodName">Text to look for in frame names (ordinal, case-sensitive).</param>
    /// <returns>0 to 1; 0 when no frame matches or the profile is empty.</returns>
    public double InclusiveShareOf(string methodName)
    {
        ArgumentNullException.ThrowIfNull(methodName);
        if (TotalWeight <= 0)
        {
            return 0;
        }

        double matching = 0;
        foreach (var stack in Stacks)
        {
            if (stack.Frames.Any(frame => frame.Contains(methodName, StringComparison.Ordinal)))
            {
                matching += stack.Weight;
            }
        }

        return matching / TotalWeight;
    }

    /// <summary>Formats the stacks as folded text (<c>root;caller;leaf weight</c> per line) for flamegraph.pl or inferno.</summary>
    /// <returns>The folded text.</returns>
    public string ToFolded() => FoldedStacks.Format(Stacks);

    /// <summary>Writes the stacks as folded text to a file.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    public void WriteFolded(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        FoldedStacks.Write(writer, Stacks);
    }

    /// <summary>Writes the profile as a speedscope JSON file.</summary>
    /// <param name="path">The file to create or overwrite (by convention <c>*.speedscope.json</c>).</param>
    public void WriteSpeedscope(string path)
    {
        using var stream = File.Create(path);
        SpeedscopeWriter.Write(stream, Title, Stacks, Unit);
    }

    /// <summary>Writes the profile as a self-contained SVG flamegraph.</summary>
    /// <param name="path">The .svg file to create or overwrite.</param>
    /// <param name="options">Drawing options; by default the title and subtitle describe this profile.</param>
    public void WriteFlamegraph(string path, FlamegraphOptions? options = null) =>
        FlamegraphSvgWriter.Write(path, Stacks, options ?? DefaultFlamegraphOptions());

    /// <summary>Writes the profile as a self-contained SVG flamegraph.</summary>
    /// <param name="writer">Where to write the SVG text.</param>
    /// <param name="options">Drawing options; by default the title and subtitle describe this profile.</param>
    public void WriteFlamegraph(TextWriter writer, FlamegraphOptions? options = null) =>
        FlamegraphSvgWriter.Write(writer, Stacks, options ?? DefaultFlamegraphOptions());

    /// <summary>Writes a differential flamegraph of <paramref name="baseline"/> → this profile: this profile's shape, each
    /// frame red where its share grew and blue where it shrank (see <see cref="FlamegraphSvgWriter.WriteDifferential(TextWriter, IEnumerable{StackSample}, IEnumerable{StackSample}, FlamegraphOptions?)"/>).</summary>
    /// <param name="path">The .svg file to create or overwrite.</param>
    /// <param name="baseline">The profile to compare with (e.g. before a change).</param>
    /// <param name="options">Drawing options; by default the title names both profiles.</param>
    public void WriteDifferentialFlamegraph(string path, StackProfile baseline, FlamegraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        FlamegraphSvgWriter.WriteDifferential(path, baseline.Stacks, Stacks, options ?? new FlamegraphOptions
        {
            Title = $"{Title}: change from the baseline",
            Subtitle = $"now: {Description}; baseline: {baseline.Description}",
            Unit = Unit,
        });
    }

    /// <summary>Gets a line saying how the profile was taken, for subtitles and reports.</summary>
    protected abstract string Description { get; }

    /// <summary>Formats the weight of a frame for tables.</summary>
    /// <param name="weight">A weight in <see cref="Unit"/>.</param>
    /// <returns>Samples as a count, bytes exact with a "B".</returns>
    protected string FormatWeight(double weight) => Unit == ProfileWeightUnit.Bytes
        ? Math.Round(weight).ToString("0", CultureInfo.InvariantCulture) + " B"
        : Math.Round(weight).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Appends a table of the top frames by self and by inclusive share.</summary>
    /// <param name="text">The text to append to.</param>
    /// <param name="count">Rows per table.</param>
    protected void AppendTopFrames(StringBuilder text, int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        var unit = Unit == ProfileWeightUnit.Bytes ? "bytes" : "samples";
        text.AppendLine(CultureInfo.InvariantCulture, $"Top {count} by self {unit}:");
        foreach (var frame in TopBySelf(count))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {frame.SelfShare * 100,6:0.0} %  {FormatWeight(frame.SelfWeight),14}  {frame.Name}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Top {count} by inclusive {unit}:");
        foreach (var frame in TopByInclusive(count))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {frame.InclusiveShare * 100,6:0.0} %  {FormatWeight(frame.InclusiveWeight),14}  {frame.Name}");
        }
    }

    private FlamegraphOptions DefaultFlamegraphOptions() => new() { Title = Title, Subtitle = Description, Unit = Unit };
}
