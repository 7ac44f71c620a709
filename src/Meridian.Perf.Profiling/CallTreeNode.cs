namespace Meridian.Perf.Profiling;

/// <summary>A node of the call tree built from stacks: a frame in one calling context, with its inclusive weight.</summary>
internal sealed class CallTreeNode(string name)
{
    private readonly Dictionary<string, CallTreeNode> _children = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public double Weight { get; private set; }

    public IEnumerable<CallTreeNode> Children => _children.Values;

    /// <summary>The child of the given name, or null.</summary>
    public CallTreeNode? Child(string name) => _children.GetValueOrDefault(name);

    public int Depth => _children.Count == 0 ? 1 : 1 + _children.Values.Max(child => child.Depth);

    public static CallTreeNode Build(string rootName, IEnumerable<StackSample> stacks)
    {
        var root = new CallTreeNode(rootName);
        foreach (var stack in stacks)
        {
            root.Weight += stack.Weight;
            var node = root;
            foreach (var frame in stack.Frames)
            {
                if (!node._children.TryGetValue(frame, out var child))
                {
                    child = new CallTreeNode(frame);
                    node._children.Add(frame, child);
                }

                child.Weight += stack.Weight;
                node = child;
            }
        }

        return root;
    }

    /// <summary>Children heaviest first (ties by name), so the widest towers stand on the left.</summary>
    public IEnumerable<CallTreeNode> ChildrenHeaviestFirst() =>
        _children.Values.OrderByDescending(child => child.Weight).ThenBy(child => child.Name, StringComparer.Ordinal);
}
