using System.Text;
using MigrationTasks.Checksums;

namespace MigrationTasks.Import;

/// <summary>The checksums other tools record, computed the way each tool computes them, to match local files to history rows.</summary>
public static class ForeignChecksums
{
    /// <summary>
    /// Flyway's checksum of a SQL script: the file read as text line by line (Java's
    /// BufferedReader.readLine, so LF, CRLF and a lone CR all end a line and none is hashed), a BOM
    /// dropped from the first line, each line's UTF-8 bytes fed to one CRC-32, stored as a signed int.
    /// Line endings and a BOM therefore never change it.
    /// </summary>
    public static int Flyway(ReadOnlySpan<byte> file)
    {
        var text = Encoding.UTF8.GetString(file);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var crc = new Crc32();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] is '\n' or '\r')
            {
                crc.Update(Encoding.UTF8.GetBytes(text[start..i]));
                if (i < text.Length - 1 && text[i] == '\r' && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        return unchecked((int)crc.Value);
    }

    /// <summary>
    /// Drizzle's hash of a migration: SHA-256, in lowercase hex, of the file's text exactly as read
    /// (drizzle-orm's migrator reads the file to a string and hashes that string as UTF-8), so a BOM
    /// and CRLF line endings are part of it.
    /// </summary>
    public static string Drizzle(ReadOnlySpan<byte> file) => Convert.ToHexStringLower(Sha256.HashData(file));

    /// <summary>
    /// Whether <paramref name="recorded"/> is Drizzle's hash of this file as it is, or as it was before its line
    /// endings or BOM changed (git's core.autocrlf, an editor): drizzle-orm runs by <c>created_at</c> and never
    /// compares the hash, and such a file holds the very statements it ran. Any other edit is not the file that ran.
    /// </summary>
    public static bool DrizzleMatches(string recorded, byte[] file)
    {
        if (string.Equals(recorded, Drizzle(file), StringComparison.Ordinal))
        {
            return true;
        }

        var text = Encoding.UTF8.GetString(file).TrimStart('\uFEFF').ReplaceLineEndings("\n");
        return new[] { text, text.ReplaceLineEndings("\r\n") }
            .SelectMany(t => new[] { t, "\uFEFF" + t })
            .Any(t => string.Equals(recorded, Drizzle(Encoding.UTF8.GetBytes(t)), StringComparison.Ordinal));
    }
}
