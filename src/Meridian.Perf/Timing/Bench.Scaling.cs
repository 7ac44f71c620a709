namespace Meridian.Perf;

/// <content>Scaling measurements.</content>
public static partial class Bench
{
    /// <summary>
    /// Measures <paramref name="body"/> at every size and fits how its time grows: time ∝ n^k on log–log axes, with
    /// the interval of k, so a test can assert "grows at most linearly" (<see cref="ScalingResult.GrowsAtMost"/>).
    /// </summary>
    /// <param name="sizes">At least three distinct positive sizes, for example 1 000, 2 000, 4 000, 8 000.</param>
    /// <param name="body">The code to time, given the size; called many times per size.</param>
    /// <param name="options">Passes, batches and warm-up; <see cref="ScalingOptions.Default"/> when null.</param>
    /// <returns>The median time per size and the fitted exponent.</returns>
    public static ScalingResult Scaling(IReadOnlyList<int> sizes, Action<int> body, ScalingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(body);
        if (sizes.Count < 3 || sizes.Distinct().Count() != sizes.Count || sizes.Any(static n => n <= 0))
        {
            throw new ArgumentException("Scaling needs at least three distinct positive sizes.", nameof(sizes));
        }

        return ScalingEngine.Run(sizes.ToArray(), body, options ?? ScalingOptions.Default);
    }
}
