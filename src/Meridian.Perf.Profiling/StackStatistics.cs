namespace Meridian.Perf.Profiling;

/// <summary>Self and inclusive weight per frame name, computed from weighted stacks.</summary>
internal static class StackStatistics
{
    public static double Total(IReadOnlyList<StackSample> stacks)
    {
        double total = 0;
        foreach (var stack in stacks)
        {
            total += stack.Weight;
        }

        return total;
    }

    public static IReadOnlyList<FrameShare> Frames(IReadOnlyList<StackSample> stacks)
    {
        var total = Total(stacks);
        var self = new Dictionary<string, double>(StringComparer.Ordinal);
        var inclusive = new Dictionary<string, double>(StringComparer.Ordinal);
        var seenInStack = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stack in stacks)
        {
            self[stack.Leaf] = self.GetValueOrDefault(stack.Leaf) + stack.Weight;
            seenInStack.Clear();
            foreach (var frame in stack.Frames)
            {
                // A recursive method is counted once per stack, or its inclusive share could exceed 100 %.
                if (seenInStack.Add(frame))
                {
                    inclusive[frame] = inclusive.GetValueOrDefault(frame) + stack.Weight;
                }
            }
        }

        return inclusive
            .Select(pair => new FrameShare(
                pair.Key,
                self.GetValueOrDefault(pair.Key),
                pair.Value,
                total > 0 ? self.GetValueOrDefault(pair.Key) / total : 0,
                total > 0 ? pair.Value / total : 0))
            .OrderByDescending(frame => frame.InclusiveWeight)
            .ThenBy(frame => frame.Name, StringComparer.Ordinal)
            .ToArray();
    }
}
