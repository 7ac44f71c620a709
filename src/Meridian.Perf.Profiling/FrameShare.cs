namespace Meridian.Perf.Profiling;

/// <summary>How much of a profile one frame (method) accounts for.</summary>
/// <param name="Name">The frame's name, as in the stacks.</param>
/// <param name="SelfWeight">Weight of the stacks whose leaf is this frame (samples taken in it, or bytes it allocated itself).</param>
/// <param name="InclusiveWeight">Weight of the stacks that contain this frame anywhere (counted once per stack, also under recursion).</param>
/// <param name="SelfShare">Self weight as a fraction of the profile's total, 0 to 1.</param>
/// <param name="InclusiveShare">Inclusive weight as a fraction of the profile's total, 0 to 1.</param>
public sealed record FrameShare(string Name, double SelfWeight, double InclusiveWeight, double SelfShare, double InclusiveShare);
