namespace Meridian.Perf.Tests.Statistics;

/// <summary>Comparison with reference values printed by R to 15 significant digits (see reference-values.R / .Rout).</summary>
internal static class Reference
{
    public static void Near(double expected, double actual, double relativeTolerance = 1e-9)
    {
        double tolerance = relativeTolerance * Math.Max(1e-300, Math.Abs(expected));
        Assert.True(
            Math.Abs(expected - actual) <= tolerance,
            $"Expected {expected:R} within a relative {relativeTolerance:G2}, but got {actual:R} (off by {Math.Abs(expected - actual):G3}).");
    }
}
