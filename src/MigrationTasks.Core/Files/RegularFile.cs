using System.Text;

namespace MigrationTasks.Files;

/// <summary>
/// Reads the files a run depends on (migrations, bundle manifest, migrations.sum, migrations.yaml).
/// Only regular files: a named pipe would block the read until something writes to it, and a device
/// such as /dev/zero never ends, either of which would hang a run past its timeout and its signals.
/// The read is done in chunks that check the run's cancellation.
/// </summary>
public static class RegularFile
{
    private const int Chunk = 1 << 20;

    /// <exception cref="NotRegularFileException">The path is a named pipe, socket, device or folder.</exception>
    /// <exception cref="IOException">The file is missing, unreadable, a symbolic-link loop, ...</exception>
    /// <exception cref="UnauthorizedAccessException">The user running migrations may not read it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static byte[] ReadAllBytes(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfNotRegular(path);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(path, handle, RandomAccess.GetLength(handle), cancellationToken);
    }

    /// <summary>
    /// Reads a file a listing has just found to be a plain regular file of <paramref name="size"/> bytes
    /// (<see cref="FileKind.PlainFileSize"/>): no second look at its kind or its length, which for a folder of
    /// a thousand small migrations is a third of the system calls of reading it.
    /// </summary>
    internal static byte[] ReadPlain(string path, long size, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(path, handle, size, cancellationToken);
    }

    private static byte[] Read(string path, Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length, CancellationToken cancellationToken)
    {
        if (length > Array.MaxLength)
        {
            throw new IOException($"'{path}' is too large to read ({length} bytes).");
        }

        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = RandomAccess.Read(handle, bytes.AsSpan(read, Math.Min(Chunk, bytes.Length - read)), read);
            if (count == 0)
            {
                // Shortened while being read: what is there is what the file now holds.
                return bytes[..read];
            }

            read += count;
        }

        return bytes;
    }

    /// <summary>Reads a text file as <see cref="File.ReadAllText(string)"/> does (UTF-8 unless a byte order mark says otherwise).</summary>
    public static string ReadAllText(string path, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(new MemoryStream(ReadAllBytes(path, cancellationToken)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Refuses a path that exists but is not a regular file: a write to a named pipe blocks like a read.</summary>
    /// <exception cref="NotRegularFileException">The path is a named pipe, socket, device or folder.</exception>
    public static void ThrowIfNotRegular(string path)
    {
        if (FileKind.NotRegular(path) is { } kind)
        {
            throw new NotRegularFileException(path, kind);
        }
    }
}

/// <summary>A path that names a named pipe, socket, device or folder where a regular file is needed.</summary>
public sealed class NotRegularFileException(string path, string kind)
    : IOException($"'{path}' is {kind}, not a regular file.")
{
    public string Path { get; } = path;

    public string Kind { get; } = kind;
}
