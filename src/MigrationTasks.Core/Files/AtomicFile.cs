using System.Globalization;

namespace MigrationTasks.Files;

/// <summary>
/// Replaces a file whole: the bytes go to a temporary file in the same folder, which then takes the file's name, so a
/// reader (another build, git, an editor) or a crash mid-write sees the old content or the new, never half of either.
/// </summary>
public static class AtomicFile
{
    /// <exception cref="UnauthorizedAccessException">The file is read-only, or the folder may not be written.</exception>
    /// <exception cref="IOException">The temporary file cannot be written or moved.</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        // A link stays a link: the file it points at is the one replaced.
        var target = new FileInfo(path).LinkTarget is null ? path : File.ResolveLinkTarget(path, returnFinalTarget: true)!.FullName;
        var existing = new FileInfo(target);
        // A rename replaces a read-only file on Linux (the folder's permission is what counts), yet read-only says
        // "do not write" (a file not checked out of Perforce or TFVC): refuse it, as a write in place would.
        if (existing.Exists && existing.IsReadOnly)
        {
            throw new UnauthorizedAccessException($"'{target}' is read-only.");
        }

        var temporary = string.Create(CultureInfo.InvariantCulture, $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                // On disk before the rename, or a power cut can leave the new name on an empty file.
                stream.Flush(flushToDisk: true);
            }

            if (existing.Exists && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, existing.UnixFileMode);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
