namespace MigrationTasks.Import;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as java.util.zip.CRC32 and Go's
/// crc32.ChecksumIEEE compute it: Flyway's checksums and golang-migrate's lock key are built on it.
/// </summary>
public sealed class Crc32
{
    private static readonly uint[] Table = BuildTable();
    private uint _crc = 0xFFFFFFFF;

    public uint Value => ~_crc;

    public void Update(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _crc = Table[(_crc ^ b) & 0xFF] ^ (_crc >> 8);
        }
    }

    public static uint Of(ReadOnlySpan<byte> bytes)
    {
        var crc = new Crc32();
        crc.Update(bytes);
        return crc.Value;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
