using System.Globalization;
using System.Text;
using System.Xml;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Draws weighted stacks as a self-contained SVG flamegraph: one box per frame in each calling context, its width
/// proportional to its inclusive weight, callers below callees, the heaviest callee leftmost. Each box is labelled
/// with <c>Type.Method</c> when it fits and carries a <c>&lt;title&gt;</c> tooltip with the full name, the weight and
/// its share of the whole, so a browser shows it on hover. No script, no external resources.
/// </summary>
public static class FlamegraphSvgWriter
{
    private const double Padding = 10;
    private const double FontSize = 12;

    // Average glyph advance of a 12 px sans-serif font relative to its size, as flamegraph.pl assumes for Verdana.
    private const double CharacterWidth = 0.59;
    private const double TitleHeight = 50;
    private const double FooterHeight = 20;

    /// <summary>Writes the flamegraph of <paramref name="stacks"/>.</summary>
    /// <param name="writer">Where to write the SVG text.</param>
    /// <param name="stacks">The stacks, root first.</param>
    /// <param name="options">Title, unit and sizes; defaults when null.</param>
    public static void Write(TextWriter writer, IEnumerable<StackSample> stacks, FlamegraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(stacks);
        Write(writer, CallTreeNode.Build("all", stacks), baseline: null, options ?? new FlamegraphOptions());
    }

    /// <summary>Writes a differential flamegraph: the shape of <paramref name="after"/> (widths are its shares), each frame
    /// coloured by the change of its inclusive share from <paramref name="before"/> to <paramref name="after"/> — red where
    /// it grew, blue where it shrank, paler the smaller the change (as flamegraph.pl's difffolded does). The tooltip gives
    /// both shares and the change in points. Frames only <paramref name="before"/> has are not drawn: swap the arguments
    /// to see what disappeared.</summary>
    /// <param name="writer">Where to write the SVG text.</param>
    /// <param name="before">The baseline's stacks (e.g. the naive version), root first.</param>
    /// <param name="after">The stacks to draw (e.g. the optimized version), root first.</param>
    /// <param name="options">Title, unit and sizes; defaults when null.</param>
    public static void WriteDifferential(TextWriter writer, IEnumerable<StackSample> before, IEnumerable<StackSample> after, FlamegraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        Write(writer, CallTreeNode.Build("all", after), CallTreeNode.Build("all", before), options ?? new FlamegraphOptions());
    }

    /// <summary>Writes a differential flamegraph to a file (see <see cref="WriteDifferential(TextWriter, IEnumerable{StackSample}, IEnumerable{StackSample}, FlamegraphOptions?)"/>).</summary>
    internal static void WriteDifferential(string path, IEnumerable<StackSample> before, IEnumerable<StackSample> after, FlamegraphOptions options)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        WriteDifferential(writer, before, after, options);
    }

    private static void Write(TextWriter writer, CallTreeNode root, CallTreeNode? baseline, FlamegraphOptions options)
    {
        var depth = root.Depth;
        var width = (double)options.Width;
        var height = TitleHeight + (depth * options.FrameHeight) + (2 * Padding) + FooterHeight;
        var scale = root.Weight > 0 ? (width - (2 * Padding)) / root.Weight : 0;

        var settings = new XmlWriterSettings { Indent = false, OmitXmlDeclaration = false, CheckCharacters = true };
        using var xml = XmlWriter.Create(writer, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
        xml.WriteAttributeString("version", "1.1");
        xml.WriteAttributeString("width", Number(width));
        xml.WriteAttributeString("height", Number(height));
        xml.WriteAttributeString("viewBox", $"0 0 {Number(width)} {Number(height)}");
        xml.WriteAttributeString("font-family", "Verdana, DejaVu Sans, sans-serif");
        xml.WriteAttributeString("font-size", Number(FontSize));

        xml.WriteStartElement("rect");
        xml.WriteAttributeString("width", "100%");
        xml.WriteAttributeString("height", "100%");
        xml.WriteAttributeString("fill", "#f8f8f8");
        xml.WriteEndElement();

        WriteText(xml, width / 2, 22, Fit(Clean(options.Title), width - (2 * Padding), 17), "middle", "17");
        if (options.Subtitle is not null)
        {
            WriteText(xml, width / 2, 40, Fit(Clean(options.Subtitle), width - (2 * Padding), 12), "middle", "12");
        }

        var summary = baseline is null
            ? $"{Describe(root.Weight, options.Unit)} in total. Width = share of the total; hover a frame for its full name and share."
            : $"{Describe(root.Weight, options.Unit)} in total (baseline {Describe(baseline.Weight, options.Unit)}). Width = share now; red = share grew, blue = shrank; hover for both shares.";
        WriteText(xml, Padding, height - 8, Fit(summary, width - (2 * Padding), 11), "start", "11");

        // Root at the bottom, callees stacked upwards, as flamegraph.pl draws it.
        var bottom = height - Padding - FooterHeight;
        var change = baseline is null ? null : new ShareChange(root.Weight, baseline.Weight, MaxChange(root, baseline, root.Weight, baseline.Weight));
        DrawNode(xml, root, baseline, Padding, bottom - options.FrameHeight, scale, root.Weight, options, change);

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>Writes the flamegraph to a file.</summary>
    /// <param name="path">The .svg file to create or overwrite.</param>
    /// <param name="stacks">The stacks, root first.</param>
    /// <param name="options">Title, unit and sizes; defaults when null.</param>
    public static void Write(string path, IEnumerable<StackSample> stacks, FlamegraphOptions? options = null)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Write(writer, stacks, options);
    }

    private static void DrawNode(XmlWriter xml, CallTreeNode node, CallTreeNode? baseline, double x, double y, double scale, double total, FlamegraphOptions options, ShareChange? change)
    {
        var boxWidth = node.Weight * scale;
        if (boxWidth < options.MinimumFrameWidth)
        {
            return;
        }

        var name = Clean(node.Name);
        var share = total > 0 ? node.Weight / total : 0;
        xml.WriteStartElement("g");
        var title = $"{name} ({Describe(node.Weight, options.Unit)}, {(share * 100).ToString("0.00", CultureInfo.InvariantCulture)} %)";
        if (change is not null)
        {
            var before = baseline is null || change.BaselineTotal <= 0 ? 0 : baseline.Weight / change.BaselineTotal;
            title = string.Create(CultureInfo.InvariantCulture, $"{name} (now {share * 100:0.00} %, before {before * 100:0.00} %, change {(share - before) * 100:+0.00;-0.00;0.00} points)");
        }

        xml.WriteElementString("title", title);

        xml.WriteStartElement("rect");
        xml.WriteAttributeString("x", Number(x));
        xml.WriteAttributeString("y", Number(y));
        xml.WriteAttributeString("width", Number(boxWidth));
        xml.WriteAttributeString("height", Number(options.FrameHeight - 1));
        xml.WriteAttributeString("fill", change is null ? Colour(node.Name, options.Unit) : change.Colour(node, baseline));
        xml.WriteAttributeString("rx", "2");
        xml.WriteEndElement();

        var label = Fit(FrameLabel.Short(name), boxWidth - 6, FontSize);
        if (label.Length > 0)
        {
            WriteText(xml, x + 3, y + (options.FrameHeight / 2.0) + 4, label, "start", null);
        }

        xml.WriteEndElement();

        var childX = x;
        foreach (var child in node.ChildrenHeaviestFirst())
        {
            DrawNode(xml, child, baseline?.Child(child.Name), childX, y - options.FrameHeight, scale, total, options, change);
            childX += child.Weight * scale;
        }
    }

    private static void WriteText(XmlWriter xml, double x, double y, string text, string anchor, string? size)
    {
        xml.WriteStartElement("text");
        xml.WriteAttributeString("x", Number(x));
        xml.WriteAttributeString("y", Number(y));
        if (anchor != "start")
        {
            xml.WriteAttributeString("text-anchor", anchor);
        }

        if (size is not null)
        {
            xml.WriteAttributeString("font-size", size);
        }

        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static string Fit(string label, double room, double fontSize)
    {
        var characters = (int)(room / (fontSize * CharacterWidth));
        if (characters < 3)
        {
            return string.Empty;
        }

        return label.Length <= characters ? label : string.Concat(label.AsSpan(0, characters - 2), "..");
    }

    private static string Describe(double weight, ProfileWeightUnit unit) => unit == ProfileWeightUnit.Bytes
        ? Math.Round(weight).ToString("0", CultureInfo.InvariantCulture) + " B"
        : Math.Round(weight).ToString("0", CultureInfo.InvariantCulture) + (Math.Round(weight) == 1 ? " sample" : " samples");

    // A stable colour per frame name, so one method has one colour everywhere in the picture.
    private static string Colour(string name, ProfileWeightUnit unit)
    {
        uint hash = 2166136261;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619;
        }

        var a = (hash & 0xFF) / 255.0;
        var b = ((hash >> 8) & 0xFF) / 255.0;
        if (unit == ProfileWeightUnit.Samples)
        {
            return Rgb(205 + (50 * a), 80 + (150 * b), 40 * a);
        }

        // Bytes: allocating methods green, the allocated types (leaf frames "new T") blue.
        return name.StartsWith("new ", StringComparison.Ordinal)
            ? Rgb(70 + (60 * a), 140 + (60 * b), 235)
            : Rgb(60 + (80 * a), 190 + (50 * b), 80 + (60 * a));
    }

    // The largest change of any frame's share, which gets the strongest colour.
    private static double MaxChange(CallTreeNode node, CallTreeNode? baseline, double total, double baselineTotal)
    {
        var now = total > 0 ? node.Weight / total : 0;
        var before = baseline is null || baselineTotal <= 0 ? 0 : baseline.Weight / baselineTotal;
        var max = Math.Abs(now - before);
        foreach (var child in node.Children)
        {
            max = Math.Max(max, MaxChange(child, baseline?.Child(child.Name), total, baselineTotal));
        }

        return max;
    }

    private static string Rgb(double r, double g, double b) =>
        string.Create(CultureInfo.InvariantCulture, $"rgb({(int)r},{(int)g},{(int)b})");

    private static string Number(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    // XML 1.0 forbids most control characters; a frame name from a trace could in principle carry one.
    private static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (c < ' ' || char.IsSurrogate(c))
            {
                return string.Concat(text.Select(ch => ch < ' ' || char.IsSurrogate(ch) ? '?' : ch));
            }
        }

        return text;
    }

    /// <summary>Colours of a differential flamegraph: the change of a frame's inclusive share, scaled by the largest change.</summary>
    private sealed record ShareChange(double Total, double BaselineTotal, double Largest)
    {
        public string Colour(CallTreeNode node, CallTreeNode? baseline)
        {
            var now = Total > 0 ? node.Weight / Total : 0;
            var before = baseline is null || BaselineTotal <= 0 ? 0 : baseline.Weight / BaselineTotal;
            var strength = Largest > 0 ? Math.Clamp((now - before) / Largest, -1, 1) : 0;
            return strength >= 0
                ? Rgb(255, 255 - (175 * strength), 255 - (175 * strength))
                : Rgb(255 + (175 * strength), 255 + (175 * strength), 255);
        }
    }
}
