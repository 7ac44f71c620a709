// Exhaustive proof of the optimized emitter's float formatting: every one of the 2^32 float bit patterns is formatted by
// ShortestFloatFormatter and by .NET (float.TryFormat into chars with "R" and the invariant culture: the path string
// interpolation takes in NaiveEmitter), and the texts must be identical. Every 64th pattern is also compared with
// float.ToString("R", CultureInfo.InvariantCulture), and no text may be longer than ShortestFloatFormatter.MaxLength.
// A one-off check, minutes long (684 s on 2 busy cores): not part of the test suite.
//
//   dotnet run -c Release --project samples/Meridian.Telemetry.FloatCheck [-- threads [firstChunk lastChunk]]
//
// The 2^32 patterns are split into 256 chunks of 2^24; the optional arguments run a sub-range (to resume or split).
//
//   dotnet run -c Release --project samples/Meridian.Telemetry.FloatCheck -- lanes [threads]
//
// checks the eight-lane digit search (ShortestDigitsX8) against the scalar one on every finite nonzero pattern instead.
using System.Diagnostics;
using System.Globalization;
using Meridian.Telemetry.Optimized;

if (args.Length > 0 && args[0] == "lanes")
{
    return LaneCheck.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount);
}

int threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
int firstChunk = args.Length > 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
int lastChunk = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 255;
const int ChunkBits = 24;

long checkedCount = 0;
long mismatches = 0;
int longest = 0;
int chunksDone = 0;
var stopwatch = Stopwatch.StartNew();
var gate = new object();
Console.WriteLine($"Checking chunks {firstChunk}..{lastChunk} of 256 (2^{ChunkBits} patterns each) on {threads} threads; .NET {Environment.Version}");

Parallel.For(
    firstChunk,
    lastChunk + 1,
    new ParallelOptions { MaxDegreeOfParallelism = threads },
    chunk =>
    {
        Span<byte> mine = stackalloc byte[64];
        Span<char> reference = stackalloc char[64];
        long localMismatches = 0;
        int localLongest = 0;
        uint start = (uint)chunk << ChunkBits;
        for (uint i = 0; i < 1u << ChunkBits; i++)
        {
            uint bits = start + i;
            float value = BitConverter.UInt32BitsToSingle(bits);
            int length = ShortestFloatFormatter.Format(value, mine);
            value.TryFormat(reference, out int referenceLength, "R", CultureInfo.InvariantCulture);
            localLongest = Math.Max(localLongest, length);
            bool same = length == referenceLength;
            for (int j = 0; same && j < length; j++)
            {
                same = mine[j] == reference[j];
            }

            if (same && (bits & 63) == 0)
            {
                string text = value.ToString("R", CultureInfo.InvariantCulture);
                same = text.Length == length && text.AsSpan().SequenceEqual(reference[..length]);
            }

            if (!same)
            {
                localMismatches++;
                if (Interlocked.Increment(ref mismatches) <= 50)
                {
                    Console.WriteLine($"MISMATCH 0x{bits:X8}: expected '{reference[..referenceLength]}', got '{System.Text.Encoding.ASCII.GetString(mine[..length])}'");
                }
            }
        }

        lock (gate)
        {
            checkedCount += 1L << ChunkBits;
            longest = Math.Max(longest, localLongest);
            chunksDone++;
            Console.WriteLine($"chunk {chunk,3} done ({chunksDone}/{lastChunk - firstChunk + 1}), {localMismatches} mismatches in it, {stopwatch.Elapsed.TotalSeconds:F0} s");
        }
    });

Console.WriteLine($"Checked {checkedCount} bit patterns in {stopwatch.Elapsed.TotalSeconds:F0} s: {Interlocked.Read(ref mismatches)} mismatches; longest text {longest} B (MaxLength {ShortestFloatFormatter.MaxLength} B).");
return mismatches == 0 && longest <= ShortestFloatFormatter.MaxLength ? 0 : 1;
