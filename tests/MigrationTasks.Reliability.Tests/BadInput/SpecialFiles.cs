using System.Diagnostics;
using System.Net.Sockets;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// Makes the file-system entries .NET cannot make by itself: named pipes, sockets and names that are
/// not UTF-8, with the same tools a user (or an accident) would use.
/// </summary>
internal static class SpecialFiles
{
    public static void NamedPipe(string path) => Run("mkfifo", path);

    /// <summary>A Unix socket file, left behind as a crashed server leaves one.</summary>
    public static void Socket(string path)
    {
        // .NET removes the file of a socket it bound when the socket is closed: a second name outlives it.
        var bound = path + ".bound";
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Bind(new UnixDomainSocketEndPoint(bound));
            Run("ln", bound, path);
        }

        File.Delete(bound);
    }

    /// <summary>Removes a folder that holds names .NET cannot spell (not UTF-8), which Directory.Delete cannot remove.</summary>
    public static void DeleteFolder(string path) => Run("rm", "-rf", path);

    /// <summary>Writes a file whose name has the raw byte 0xFF where <paramref name="name"/> has '?': .NET strings cannot carry it.</summary>
    public static void NonUtf8Name(string folder, string name, string content) =>
        Run("sh", "-c", $"cd \"$2\" && printf '%s' \"$1\" > \"$(printf '{name.Replace("?", "\\377", StringComparison.Ordinal)}')\"", "sh", content, folder);

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{program} failed: {error}");
    }
}
