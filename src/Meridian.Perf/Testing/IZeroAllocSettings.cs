namespace Meridian.Perf.Testing;

/// <summary>
/// The settings a <c>[ZeroAlloc]</c> test attribute carries: the per-call budget and how the body is measured.
/// Implemented by the attributes of Meridian.Perf.Xunit, Meridian.Perf.Xunit.V3 and Meridian.Perf.NUnit, so that every
/// framework turns attribute properties into measurement settings the same way (<see cref="TestBodyAllocations"/>).
/// </summary>
public interface IZeroAllocSettings
{
    /// <summary>Gets the allowed bytes per call of the test body; 0 means none.</summary>
    long MaxBytesPerCall { get; }

    /// <summary>Gets the calls made before measuring (see <see cref="AllocationOptions.WarmupCalls"/>).</summary>
    int WarmupCalls { get; }

    /// <summary>Gets the number of measured windows (see <see cref="AllocationOptions.Windows"/>).</summary>
    int Windows { get; }

    /// <summary>Gets the calls in each window (see <see cref="AllocationOptions.CallsPerWindow"/>).</summary>
    int CallsPerWindow { get; }
}
