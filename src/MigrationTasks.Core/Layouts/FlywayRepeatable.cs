using System.Buffers.Binary;
using System.Text;
using MigrationTasks.Checksums;
using MigrationTasks.Files;

namespace MigrationTasks.Layouts;

/// <summary>
/// Where a Flyway repeatable migration (<c>R__&lt;description&gt;.sql</c>) lives in our history table.
/// The table is keyed by a numeric version, and a repeatable has none: it takes a negative one derived
/// from its description (48 bits of its SHA-256), so it is stable across runs, never collides with a
/// real version, and sorts below every versioned migration. Its row is replaced each time it re-runs
/// with a changed checksum; <c>down</c> never reverts it (docs/adopting.md).
/// </summary>
public static class FlywayRepeatable
{
    public static MigrationVersion VersionOf(string description)
    {
        Span<byte> hash = stackalloc byte[Sha256.HashSizeInBytes];
        Sha256.HashData(Encoding.UTF8.GetBytes(description), hash);
        var magnitude = (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) >> 16);
        return MigrationVersion.Negative(Math.Max(magnitude, 1));
    }
}
