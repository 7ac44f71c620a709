namespace Meridian.Telemetry.Naive;

/// <summary>The textbook table-driven CRC-32C, one byte at a time: what a first version copies from a reference.</summary>
internal static class NaiveCrc32C
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(byte[] data, int count)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = 0; i < count; i++)
        {
            crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
