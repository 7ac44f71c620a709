namespace Meridian.Perf.Statistics;

/// <summary>Argument checks shared by the statistics, with messages that say what is wrong.</summary>
internal static class StatisticsGuard
{
    public static void Level(double level, string name)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(name, level, "A confidence level must lie strictly between 0 and 1 (for example 0.95).");
        }
    }

    public static void Sample(ReadOnlySpan<double> values, int minimumCount, string name)
    {
        if (values.Length < minimumCount)
        {
            throw new ArgumentException($"The sample needs at least {minimumCount} value(s); it has {values.Length}.", name);
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"The sample holds a value that is not finite ({values[i]}) at index {i}.", name);
            }
        }
    }
}
