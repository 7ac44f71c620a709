namespace Meridian.Perf.Tool.Input;

/// <summary>An input the tool cannot use (missing folder, foreign JSON, nothing in common): the message says which and why.</summary>
internal sealed class ToolInputException(string message) : Exception(message)
{
}
