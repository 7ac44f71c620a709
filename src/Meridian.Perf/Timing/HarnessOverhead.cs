namespace Meridian.Perf;

/// <summary>
/// The harness's own cost per operation (one delegate call and one loop iteration), measured once per process on an
/// empty body through the same timed loop and subtracted from every measurement.
/// </summary>
internal static class HarnessOverhead
{
    private static readonly Lazy<double> Measured = new(Measure);

    public static double NanosecondsPerOperation => Measured.Value;

    private static double Measure()
    {
        var invoker = new ActionBodyInvoker(static () => { });
        const long operations = 200_000;
        BatchRunner.Run(ref invoker, 1000);

        // The smallest of a few short batches: whatever else runs on the machine can only add time.
        double best = double.MaxValue;
        for (int i = 0; i < 7; i++)
        {
            best = Math.Min(best, BatchRunner.Run(ref invoker, operations).NanosecondsPerOperation);
        }

        return best;
    }
}
