using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using MigrationTasks.Checksums;

namespace MigrationTasks.Fleets;

/// <summary>
/// One slice of a fleet for one machine: a tenant belongs to shard <c>hash(key) mod count</c>. The hash
/// is SHA-256 of the key's UTF-8 bytes (never <c>string.GetHashCode</c>, which changes per process), so
/// every machine agrees and adding a tenant moves no other tenant.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The whole fleet, for a run that is not sharded.</summary>
    public static readonly Shard All = new(0, 1);

    public bool Contains(string key) => IndexOf(key, Count) == Index;

    public static int IndexOf(string key, int count)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var hash = Sha256.HashData(Encoding.UTF8.GetBytes(key));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count);
    }

    /// <summary>Reads <c>i/n</c> (0 &lt;= i &lt; n); null when the text is not that.</summary>
    public static Shard? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index < count
                ? new Shard(index, count)
                : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
