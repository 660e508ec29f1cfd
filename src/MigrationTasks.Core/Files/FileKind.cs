using System.Runtime.InteropServices;
using System.Text;

namespace MigrationTasks.Files;

/// <summary>
/// What kind of file a path names, asked of the file system without opening it: opening a named pipe
/// blocks until a writer appears, so the kind must be known first. .NET has no public API for it, so
/// this asks the runtime's own native shim (libSystem.Native, shipped with every .NET runtime), whose
/// status record is laid out by .NET itself, the same on every Unix and architecture.
/// </summary>
internal static class FileKind
{
    // pal_io.h: FileStatus starts with int32 Flags, int32 Mode, uint32 Uid, uint32 Gid, then int64 Size; the PAL's S_IF* values follow.
    private const int ModeOffset = 4;
    private const int SizeOffset = 16;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int StatusBufferSize = 256;

    /// <summary>What the path is when it is not a regular file ("a named pipe (FIFO)", ...); null for a regular file or when unknown.</summary>
    /// <remarks>Follows symbolic links. Unknown (missing, a link loop, no permission) is left to the open that follows, which says why.</remarks>
    public static string? NotRegular(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(path) ? "a folder" : null;
        }

        var mode = Status(path, followLinks: true)?.Mode;
        return mode is null ? null : (mode.Value & TypeMask) switch
        {
            RegularType => null,
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x4000 => "a folder",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }

    /// <summary>
    /// The size of the file when the path itself (not a link to it) is a regular file; null for a link, any
    /// other kind, or when unknown. One lstat: a folder's listing asks it of every entry, so that the many
    /// plain files are read at once and only links and oddities take the slower, checking path.
    /// </summary>
    public static long? PlainFileSize(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        return Status(path, followLinks: false) is { } status && (status.Mode & TypeMask) == RegularType ? status.Size : null;
    }

    private static (int Mode, long Size)? Status(string path, bool followLinks)
    {
        var length = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        Span<byte> encoded = length <= 1024 ? stackalloc byte[length] : new byte[length];
        encoded[Encoding.UTF8.GetBytes(path, encoded)] = 0;
        Span<byte> status = stackalloc byte[StatusBufferSize];
        try
        {
            var result = followLinks ? Stat(ref encoded[0], ref status[0]) : LinkStat(ref encoded[0], ref status[0]);
            return result == 0 ? (BitConverter.ToInt32(status[ModeOffset..]), BitConverter.ToInt64(status[SizeOffset..])) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A runtime without the shim (none known): reading still works, only the early refusal is lost.
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat(ref byte path, ref byte status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int LinkStat(ref byte path, ref byte status);
}
