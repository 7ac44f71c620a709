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
        options ??= new FlamegraphOptions();

        var root = CallTreeNode.Build("all", stacks);
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

        var summary = $"{Describe(root.Weight, options.Unit)} in total. Width = share of the total; hover a frame for its full name and share.";
        WriteText(xml, Padding, height - 8, Fit(summary, width - (2 * Padding), 11), "start", "11");

        // Root at the bottom, callees stacked upwards, as flamegraph.pl draws it.
        var bottom = height - Padding - FooterHeight;
        DrawNode(xml, root, Padding, bottom - options.FrameHeight, scale, root.Weight, options);

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

    private static void DrawNode(XmlWriter xml, CallTreeNode node, double x, double y, double scale, double total, FlamegraphOptions options)
    {
        var boxWidth = node.Weight * scale;
        if (boxWidth < options.MinimumFrameWidth)
        {
            return;
        }

        var name = Clean(node.Name);
        var share = total > 0 ? node.Weight / total : 0;
        xml.WriteStartElement("g");
        xml.WriteElementString("title", $"{name} ({Describe(node.Weight, options.Unit)}, {(share * 100).ToString("0.00", CultureInfo.InvariantCulture)} %)");

        xml.WriteStartElement("rect");
        xml.WriteAttributeString("x", Number(x));
        xml.WriteAttributeString("y", Number(y));
        xml.WriteAttributeString("width", Number(boxWidth));
        xml.WriteAttributeString("height", Number(options.FrameHeight - 1));
        xml.WriteAttributeString("fill", Colour(node.Name, options.Unit));
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
            DrawNode(xml, child, childX, y - options.FrameHeight, scale, total, options);
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
}
