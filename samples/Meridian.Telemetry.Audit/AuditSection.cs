using Spectre.Console.Rendering;

namespace Meridian.Telemetry.Audit;

/// <summary>A phase's part of audit.md, and what it shows on the console.</summary>
internal sealed record AuditSection(string Markdown, IRenderable? Console);
