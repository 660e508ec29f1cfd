using System.Text;

namespace MigrationTasks.Checksums;

/// <summary>
/// The checksum of a migration: SHA-256 of its text with line endings normalized (see <see cref="MigrationText.Normalize"/>),
/// written with its algorithm as <c>sha256:&lt;hex&gt;</c> so the algorithm can change later
/// without every recorded checksum turning into a mismatch.
/// </summary>
public static class Checksum
{
    public const string Prefix = "sha256:";

    public static string Of(string text)
    {
        var normalizedText = MigrationText.Normalize(text);
        var byteCount = Encoding.UTF8.GetByteCount(normalizedText);
        var bytes = byteCount <= 16 * 1024 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(normalizedText, bytes);
        return OfBytes(bytes);
    }

    public static string OfBytes(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[Sha256.HashSizeInBytes];
        Sha256.HashData(bytes, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }
}
